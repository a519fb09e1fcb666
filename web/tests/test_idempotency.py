"""A form pressed twice does its work once."""

import uuid

from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.db import transaction
from django.test import RequestFactory

from mutuality.errors import ServiceError
from web.idempotency import IdempotentFormMixin, create_once, submission_claim, submission_complete
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


def _sent(token):
    request = RequestFactory().post("/things/new/")
    request.user = AnonymousUser()
    request.session = {}
    request._messages = FallbackStorage(request)
    form = IdempotentFormMixin({"submission_token": str(token)})
    assert form.is_valid()
    return request, form


def test_create_once_makes_one_thing_however_often_the_same_form_is_sent(db):
    token, made = uuid.uuid4(), []

    def make():
        made.append(1)
        return f"/things/{len(made)}/"

    for _ in range(3):
        request, form = _sent(token)
        response = create_once(request, form, scope="test", make=make, fallback="/things/", success="Made.")
        assert response.status_code == 302 and response.url == "/things/1/"
    assert made == [1]


def test_create_once_refusal_keeps_nothing_says_why_and_lets_the_same_form_try_again(db):
    token, other = uuid.uuid4(), uuid.uuid4()

    def refuse():
        FormSubmission.objects.create(token=other, scope="half-made")  # written, then undone
        raise ServiceError("That group is full.")

    request, form = _sent(token)
    assert create_once(request, form, scope="test", make=refuse, fallback="/things/", success="Made.") is None
    assert form.non_field_errors() == ["That group is full."]
    assert not FormSubmission.objects.exists()
    request, form = _sent(token)
    response = create_once(request, form, scope="test", make=lambda: "/things/7/", fallback="/", success="Made.")
    assert response.url == "/things/7/"
