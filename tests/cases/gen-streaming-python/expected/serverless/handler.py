"""Handlers of clickstream (Python 3.13). Replace the bodies."""
import base64
import json


def stream(event, context):
    for record in event["Records"]:
        data = base64.b64decode(record["kinesis"]["data"])
        print(record["kinesis"]["sequenceNumber"], len(data))
