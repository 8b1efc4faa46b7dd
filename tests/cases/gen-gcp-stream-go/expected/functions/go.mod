module example.com/telemetry-ingest

go 1.23

require github.com/GoogleCloudPlatform/functions-framework-go v1.9.2
