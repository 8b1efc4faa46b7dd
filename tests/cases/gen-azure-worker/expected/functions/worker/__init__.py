import logging

import azure.functions as func


def main(message: func.ServiceBusMessage) -> None:
    """Raising makes the message retried, then dead-lettered."""
    logging.info("message %d bytes", len(message.get_body()))
