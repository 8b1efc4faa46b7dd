"""Handlers of image-embedding-inference-worker-for-catalogue-x (Python 3.13). Replace the bodies."""
import base64
import json


def worker(event, context):
    """SQS batch: report the ids that failed so only they are retried."""
    failures = []
    for record in event["Records"]:
        try:
            json.loads(record["body"])
        except ValueError:
            failures.append({"itemIdentifier": record["messageId"]})
    return {"batchItemFailures": failures}
