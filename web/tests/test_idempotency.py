"""A form pressed twice does its work once."""

import uuid

from django.db import transaction

from web.idempotency import submission_claim, submission_complete
from web.models import FormSubmission


def test_second_submission_of_the_same_form_is_recognised_and_points_to_the_first_result(db):
    token = uuid.uuid4()
    with transaction.atomic():
        assert submission_claim(token, scope="test") is None
        submission_complete(token, "/things/1/")
    with transaction.atomic():
        assert submission_claim(token, scope="test") == "/things/1/"
    assert FormSubmission.objects.count() == 1


def test_a_rolled_back_action_frees_its_token_for_a_retry(db):
    token = uuid.uuid4()
    try:
        with transaction.atomic():
            submission_claim(token, scope="test")
            raise RuntimeError("the action failed")
    except RuntimeError:
        pass
    with transaction.atomic():
        assert submission_claim(token, scope="test") is None
