"""Handlers of invoice-export (Python 3.13). Replace the bodies."""
import base64
import json


def job(event, context):
    print("scheduled run")
