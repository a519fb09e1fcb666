from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.rules import groups as rules
from access.shortcuts import enforce, require, signed_in
from groups import networks
from groups.forms import MemberChoicesForm, NetworkForm, NewsForm
from groups.models import Network, NetworkMember
from mutuality.errors import ServiceError
from people.models import Organisation
from web.idempotency import create_once, submission_claim


def _network_for(request, network_id: int, rule=rules.can_view_network) -> Network:
    network = get_object_or_404(Network.objects.select_related("organisation", "district"), pk=network_id)
    enforce(rule(request.actor, network))
    return network


def _my_membership(request, network: Network) -> NetworkMember | None:
    return (
        NetworkMember.objects.filter(network=network, person_id=request.actor.person_id, left_at__isnull=True)
        .select_related("person")
        .first()
    )


@require_GET
@signed_in
def network_list(request):
    actor = request.actor
    require(actor.is_authenticated)
    mine = set(
        NetworkMember.objects.filter(person_id=actor.person_id, left_at__isnull=True).values_list(
            "network_id", flat=True
        )
    )
    return render(
        request,
        "groups/network_list.html",
        {
            "networks": Network.objects.select_related("organisation").order_by("name", "id"),
            "mine": mine,
            "can_create": bool(rules.network_creatable_orgs(actor)),
        },
    )


@require_http_methods(["GET", "POST"])
@signed_in
def network_create(request):
    actor = request.actor
    orgs = rules.network_creatable_orgs(actor)
    require(bool(orgs))
    organisation = Organisation.objects.filter(pk__in=orgs).order_by("name").first()
    form = NetworkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def make():
            network = networks.network_create(
                organisation=organisation,
                name=data["name"],
                about=data["about"],
                area=data["area"],
                postcode=data["postcode"],
                actor=actor,
            )
            return reverse("groups:network", args=[network.pk])

        response = create_once(
            request, form, scope="network", make=make, fallback=reverse("groups:networks"), success="Network started."
        )
        if response:
            return response
    return render(
        request, "groups/simple_form.html", {"form": form, "title": f"Start a network in {organisation.name}"}
    )


@require_GET
@signed_in
def network_detail(request, network_id: int):
    network = _network_for(request, network_id)
    inside = rules.can_see_network_inside(request.actor, network).allowed
    membership = _my_membership(request, network)
    context = {
        "network": network,
        "inside": inside,
        "membership": membership,
        "can_join": membership is None and rules.can_join_network(request.actor, network).allowed,
        "choices_form": MemberChoicesForm(instance=membership) if membership else MemberChoicesForm(),
    }
    if inside:
        context["news"] = list(network.news.select_related("author")[:20])
        context["directory"] = list(networks.member_directory(network))
        context["news_form"] = NewsForm()
    return render(request, "groups/network_detail.html", context)


@require_POST
@signed_in
def network_join(request, network_id: int):
    network = _network_for(request, network_id, rules.can_join_network)
    form = MemberChoicesForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Please check your choices.")
        return redirect("groups:network", network_id=network.pk)
    try:
        networks.network_join(network=network, person=request.actor.person, actor=request.actor, **form.cleaned_data)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"You have joined {network.name}.")
    return redirect("groups:network", network_id=network.pk)


@require_POST
@signed_in
def network_choices(request, network_id: int):
    network = _network_for(request, network_id)
    membership = _my_membership(request, network)
    if membership is None:
        raise Http404("Not found")
    form = MemberChoicesForm(request.POST, instance=NetworkMember.objects.get(pk=membership.pk))
    if form.is_valid():
        try:
            networks.member_choices_update(member=membership, actor=request.actor, **form.cleaned_data)
        except ServiceError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Your choices are saved.")
    else:
        messages.error(request, "Please check your choices.")
    return redirect("groups:network", network_id=network.pk)


@require_POST
@signed_in
def network_leave(request, network_id: int):
    network = _network_for(request, network_id)
    membership = _my_membership(request, network)
    if membership is None:
        raise Http404("Not found")
    networks.network_leave(member=membership, actor=request.actor)
    messages.success(request, f"You have left {network.name}.")
    return redirect("groups:networks")


@require_POST
@signed_in
def network_news(request, network_id: int):
    network = _network_for(request, network_id, rules.can_post_news)
    form = NewsForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                if submission_claim(data["submission_token"], scope="news", user=request.actor.user) is None:
                    networks.news_post(
                        network=network,
                        author=request.actor.person,
                        title=data["title"],
                        body=data["body"],
                        actor=request.actor,
                    )
        except ServiceError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "News posted. Members who asked for it will get it in their next email.")
    else:
        messages.error(request, "News needs a title and a few words.")
    return redirect("groups:network", network_id=network.pk)
