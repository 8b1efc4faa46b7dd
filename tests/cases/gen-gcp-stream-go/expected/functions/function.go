// Package function: Cloud Run functions of telemetry-ingest (Go 1.23, the custom
// runtime's counterpart). Replace the bodies.
package function

import (
	"encoding/json"
	"log"
	"net/http"

	"github.com/GoogleCloudPlatform/functions-framework-go/functions"
)

func init() {
	functions.HTTP("stream", stream)
}

func stream(w http.ResponseWriter, r *http.Request) {
	var push struct{ Message struct{ Data []byte } }
	if err := json.NewDecoder(r.Body).Decode(&push); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	log.Print(len(push.Message.Data))
	w.WriteHeader(http.StatusNoContent)
}
