"""Pages for qualitative analysis. Policy on the first line; writes through services."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.rules import qualitative as rules
from access.shortcuts import enforce, require, signed_in
from evaluation.selectors import evaluations_for
from mutuality.errors import ServiceError
from people.models import Organisation, Person, RoleKind
from web.idempotency import create_once

from . import agreement, exchange, forms, selectors, services, suggest
from .models import Code, Document, Project, Quotation, Resolution, Segment


def _project(request, project_id: int, rule=rules.can_view_project) -> Project:
    project = get_object_or_404(Project.objects.select_related("organisation", "evaluation", "lead"), pk=project_id)
    enforce(rule(request.actor, project))
    return project


def _code(project: Project, code_id: int) -> Code:
    return get_object_or_404(Code.objects.select_related("parent"), pk=code_id, project=project)


def _document(project: Project, document_id: int) -> Document:
    return get_object_or_404(Document.objects.select_related("participant"), pk=document_id, project=project)


# --- Projects --------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@signed_in
def project_list(request):
    require(rules.can_use_qualitative(request.actor))
    actor = request.actor
    organisation_id = min(rules.project_orgs(actor))
    evaluations = evaluations_for(actor).filter(organisation_id=organisation_id)
    form = forms.ProjectForm(request.POST or None, evaluations=evaluations)
    if request.method == "POST" and form.is_valid():
        enforce(rules.can_create_project(actor, organisation_id))
        made = {}

        def make():
            made["project"] = services.project_create(
                organisation=Organisation.objects.get(pk=organisation_id),
                name=form.cleaned_data["name"],
                evaluation=form.cleaned_data["evaluation"],
                description=form.cleaned_data["description"],
                actor=actor,
            )
            return reverse("qualitative:project", args=[made["project"].pk])

        response = create_once(
            request,
            form,
            scope="qualitative-project",
            make=make,
            fallback=reverse("qualitative:projects"),
            success=lambda: f"Project set up with {made['project'].documents.count()} texts.",
        )
        if response:
            return response
    return render(request, "qualitative/project_list.html", {"projects": selectors.projects_for(actor), "form": form})


@require_GET
@signed_in
def project_detail(request, project_id: int):
    project = _project(request, project_id)
    wave, item = request.GET.get("wave", ""), request.GET.get("item", "")
    documents = selectors.documents_list(project, request.actor, wave=wave, item=item)
    coders = list(selectors.coder_records(project))
    me = next((coder for coder in coders if coder.person_id == request.actor.person_id), None)
    return render(
        request,
        "qualitative/project_detail.html",
        {
            "project": project,
            "documents": documents,
            "waves": selectors.wave_labels(project),
            "items": selectors.item_codes(project),
            "wave": wave,
            "item": item,
            "coders": coders,
            "me": me,
            "sample_complete": selectors.sample_complete(project),
            "is_lead": rules.can_lead(request.actor, project).allowed,
        },
    )


@require_POST
@signed_in
def project_refresh(request, project_id: int):
    project = _project(request, project_id, rules.can_lead)
    try:
        added = services.project_refresh(project=project, actor=request.actor)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{added} new answers brought in.")
    return redirect("qualitative:project", project_id=project.pk)


@require_http_methods(["GET", "POST"])
@signed_in
def text_import(request, project_id: int):
    project = _project(request, project_id, rules.can_lead)
    form = forms.TextImportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def make():
            document = services.text_import(
                project=project,
                title=data["title"],
                text=data["text"],
                wave_label=data["wave_label"],
                item_code=data["item_code"],
                actor=request.actor,
            )
            return reverse("qualitative:document", args=[project.pk, document.pk])

        response = create_once(
            request,
            form,
            scope="qualitative-text",
            make=make,
            fallback=reverse("qualitative:project", args=[project.pk]),
            success="Text added.",
        )
        if response:
            return response
    return render(request, "qualitative/text_import.html", {"project": project, "form": form})


# --- Codebook --------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@signed_in
def codebook(request, project_id: int):
    project = _project(request, project_id)
    codes = selectors.codebook(project)
    form = forms.CodeForm(request.POST or None, codes=codes)
    if request.method == "POST":
        enforce(rules.can_code(request.actor, project))
        if form.is_valid():
            try:
                code = services.code_create(project=project, actor=request.actor, **form.cleaned_data)
            except ServiceError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"Code “{code.name}” added.")
                return redirect("qualitative:codebook", project_id=project.pk)
    return render(
        request,
        "qualitative/codebook.html",
        {"project": project, "codes": codes, "form": form, "import_form": forms.QdcImportForm()},
    )


@require_http_methods(["GET", "POST"])
@signed_in
def code_detail(request, project_id: int, code_id: int):
    project = _project(request, project_id)
    code = _code(project, code_id)
    codes = selectors.codebook(project)
    form = forms.CodeForm(
        request.POST or None,
        codes=codes,
        initial={
            "name": code.name,
            "parent": code.parent_id,
            "definition": code.definition,
            "examples": code.examples,
        },
    )
    if request.method == "POST":
        enforce(rules.can_code(request.actor, project))
        if form.is_valid():
            try:
                services.code_update(code=code, actor=request.actor, **form.cleaned_data)
            except ServiceError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Code saved. Its coded segments stay with it.")
                return redirect("qualitative:code", project_id=project.pk, code_id=code.pk)
    segments = selectors.code_segments(code, request.actor)
    return render(
        request,
        "qualitative/code_detail.html",
        {
            "project": project,
            "code": code,
            "form": form,
            "segments": segments,
            "segment_rows": [(s, s.passage(s.document.text)) for s in segments],
            "merge_form": forms.TargetCodeForm(codes=codes, exclude=code),
            "split_form": forms.SplitForm(segments=_segment_choices(segments)),
            "memo_form": forms.MemoForm(),
            "memos": selectors.memos_for_code(code),
            "suggestions": suggest.similar_answers(code, request.actor.person_id),
            "is_lead": rules.can_lead(request.actor, project).allowed,
        },
    )


def _segment_choices(segments) -> list[tuple[str, str]]:
    return [(str(s.pk), f"{s.document.label}: {s.passage(s.document.text)[:80]}") for s in segments]


@require_POST
@signed_in
def code_merge(request, project_id: int, code_id: int):
    project = _project(request, project_id, rules.can_lead)
    code = _code(project, code_id)
    form = forms.TargetCodeForm(request.POST, codes=selectors.codebook(project), exclude=code)
    if form.is_valid():
        try:
            target = services.code_merge(source=code, target=form.cleaned_data["target"], actor=request.actor)
        except ServiceError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Merged into “{target.name}”. Every coded segment moved with it.")
            return redirect("qualitative:code", project_id=project.pk, code_id=target.pk)
    else:
        messages.error(request, "Choose the code to merge into.")
    return redirect("qualitative:code", project_id=project.pk, code_id=code.pk)


@require_POST
@signed_in
def code_split(request, project_id: int, code_id: int):
    project = _project(request, project_id, rules.can_lead)
    code = _code(project, code_id)
    segments = list(selectors.segments_of(code))
    form = forms.SplitForm(request.POST, segments=_segment_choices(segments))
    if form.is_valid():
        try:
            new = services.code_split(
                code=code,
                name=form.cleaned_data["name"],
                segment_ids=form.cleaned_data["segments"],
                actor=request.actor,
            )
        except ServiceError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"“{new.name}” made from {len(form.cleaned_data['segments'])} segments.")
            return redirect("qualitative:code", project_id=project.pk, code_id=new.pk)
    else:
        messages.error(request, "Give the new code a name and choose the segments that go to it.")
    return redirect("qualitative:code", project_id=project.pk, code_id=code.pk)


@require_http_methods(["GET", "POST"])
@signed_in
def code_delete(request, project_id: int, code_id: int):
    """Deleting a code with coded segments asks where they go."""
    project = _project(request, project_id, rules.can_lead)
    code = _code(project, code_id)
    codes = selectors.codebook(project)
    form = forms.TargetCodeForm(request.POST or None, codes=codes, exclude=code)
    n_segments, n_children = code.segments.count(), code.children.count()
    needs_target = bool(n_segments or n_children or code.memos.exists())
    if request.method == "POST":
        move_to = None
        if needs_target:
            if not form.is_valid():
                return render(
                    request,
                    "qualitative/code_delete.html",
                    {
                        "project": project,
                        "code": code,
                        "form": form,
                        "n_segments": n_segments,
                        "n_children": n_children,
                    },
                )
            move_to = form.cleaned_data["target"]
        try:
            services.code_delete(code=code, move_to=move_to, actor=request.actor)
        except ServiceError as error:
            messages.error(request, str(error))
            return redirect("qualitative:code_delete", project_id=project.pk, code_id=code.pk)
        messages.success(
            request, f"“{code.name}” deleted." + (f" Its coding moved to “{move_to.name}”." if move_to else "")
        )
        return redirect("qualitative:codebook", project_id=project.pk)
    return render(
        request,
        "qualitative/code_delete.html",
        {
            "project": project,
            "code": code,
            "form": form if needs_target else None,
            "n_segments": n_segments,
            "n_children": n_children,
        },
    )


@require_POST
@signed_in
def codebook_import(request, project_id: int):
    project = _project(request, project_id, rules.can_lead)
    form = forms.QdcImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Choose a .qdc codebook file to import.")
    else:
        try:
            added = exchange.codebook_import_qdc(
                project=project, content=form.cleaned_data["file"].read(), actor=request.actor
            )
        except ServiceError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{added} codes added from the codebook file.")
    return redirect("qualitative:codebook", project_id=project.pk)


# --- Coding ----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@signed_in
def document_detail(request, project_id: int, document_id: int):
    project = _project(request, project_id)
    document = _document(project, document_id)
    reason = selectors.unavailable_reason(document)
    if reason:
        enforce(rules.can_code(request.actor, project))
        return render(request, "qualitative/withdrawn.html", {"project": project, "reason": reason}, status=410)
    codes = selectors.codebook(project)
    form = forms.ApplyForm(request.POST or None, codes=codes)
    if request.method == "POST":
        enforce(rules.can_code(request.actor, project))
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["start"] is not None or data["end"] is not None:
                    start, end = data["start"], data["end"]
                else:
                    start, end = services.passage_offsets(document.text, data["passage"])
                services.segments_apply(
                    document=document, codes=data["codes"], start=start, end=end, actor=request.actor
                )
            except ServiceError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Coded: " + ", ".join(code.name for code in data["codes"]) + ".")
                following = request.POST.get("next")
                if following == "next":
                    upcoming = _neighbour(project, document, 1)
                    if upcoming:
                        return redirect("qualitative:document", project_id=project.pk, document_id=upcoming)
                back = request.POST.get("back", "")
                if back.startswith("/qualitative/"):
                    return redirect(back)
                return redirect("qualitative:document", project_id=project.pk, document_id=document.pk)
    page = selectors.document_for_coding(document, request.actor)
    return render(
        request,
        "qualitative/document.html",
        {
            "project": project,
            "page": page,
            "document": document,
            "form": form,
            "memo_form": forms.MemoForm(),
            "previous": _neighbour(project, document, -1),
            "next": _neighbour(project, document, 1),
        },
    )


def _neighbour(project: Project, document: Document, step: int) -> int | None:
    documents = selectors.usable_documents(project)
    if step > 0:
        following = documents.filter(position__gt=document.position).order_by("position", "id")
    else:
        following = documents.filter(position__lt=document.position).order_by("-position", "-id")
    return following.values_list("pk", flat=True).first()


@require_POST
@signed_in
def segment_remove(request, project_id: int, segment_id: int):
    project = _project(request, project_id, rules.can_code)
    segment = get_object_or_404(Segment.objects.select_related("document"), pk=segment_id, document__project=project)
    try:
        services.segment_remove(segment=segment, actor=request.actor)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Coding removed.")
    return redirect("qualitative:document", project_id=project.pk, document_id=segment.document_id)


@require_POST
@signed_in
def memo_add(request, project_id: int):
    project = _project(request, project_id, rules.can_code)
    form = forms.MemoForm(request.POST)
    code_id, document_id = request.POST.get("code"), request.POST.get("document")
    code = _code(project, int(code_id)) if code_id and code_id.isdigit() else None
    document = _document(project, int(document_id)) if document_id and document_id.isdigit() else None
    if form.is_valid():
        try:
            services.memo_add(
                project=project, code=code, document=document, text=form.cleaned_data["text"], actor=request.actor
            )
        except ServiceError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Memo saved.")
    else:
        messages.error(request, "The memo is empty.")
    if document is not None:
        return redirect("qualitative:document", project_id=project.pk, document_id=document.pk)
    if code is not None:
        return redirect("qualitative:code", project_id=project.pk, code_id=code.pk)
    return redirect("qualitative:project", project_id=project.pk)


@require_POST
@signed_in
def quotation_pick(request, project_id: int, segment_id: int):
    project = _project(request, project_id, rules.can_code)
    segment = get_object_or_404(Segment.objects.select_related("document"), pk=segment_id, document__project=project)
    try:
        services.quotation_pick(segment=segment, note=request.POST.get("note", ""), actor=request.actor)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Picked as a quotation for the report.")
    return redirect("qualitative:document", project_id=project.pk, document_id=segment.document_id)


@require_POST
@signed_in
def quotation_remove(request, project_id: int, quotation_id: int):
    project = _project(request, project_id, rules.can_code)
    quotation = get_object_or_404(Quotation, pk=quotation_id, segment__document__project=project)
    services.quotation_remove(quotation=quotation, actor=request.actor)
    messages.success(request, "Quotation removed. The coding stays.")
    return redirect("qualitative:analysis", project_id=project.pk)


# --- Double-coding and agreement ---------------------------------------------------


@require_http_methods(["GET", "POST"])
@signed_in
def sample(request, project_id: int):
    project = _project(request, project_id)
    people = list(
        Person.objects.filter(
            organisation_id=project.organisation_id,
            roles__kind=RoleKind.EVALUATOR,
            roles__organisation_id=project.organisation_id,
            roles__ended_on__isnull=True,
        )
        .distinct()
        .order_by("display_name")
    )
    form = forms.SampleForm(request.POST or None, people=people)
    if request.method == "POST":
        enforce(rules.can_lead(request.actor, project))
        if form.is_valid():
            data = form.cleaned_data
            try:
                chosen = services.sample_draw(
                    project=project,
                    coders=data["coders"],
                    fraction=data["fraction"],
                    seed=data["seed"],
                    actor=request.actor,
                )
            except ServiceError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"{len(chosen)} answers chosen for blind double-coding.")
                return redirect("qualitative:project", project_id=project.pk)
    return render(
        request,
        "qualitative/sample.html",
        {
            "project": project,
            "form": form,
            "coders": selectors.double_coders(project),
            "in_sample": project.documents.filter(in_sample=True).count(),
            "is_lead": rules.can_lead(request.actor, project).allowed,
        },
    )


@require_POST
@signed_in
def finish(request, project_id: int):
    project = _project(request, project_id, rules.can_code)
    try:
        services.coder_finish(project=project, actor=request.actor)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Thank you. Codes are compared once every double coder has finished.")
    return redirect("qualitative:project", project_id=project.pk)


@require_GET
@signed_in
def agreement_view(request, project_id: int):
    project = _project(request, project_id)
    figures = agreement.compute(project)
    return render(
        request,
        "qualitative/agreement.html",
        {"project": project, "figures": figures, "coders": selectors.double_coders(project)},
    )


@require_http_methods(["GET", "POST"])
@signed_in
def disagreements(request, project_id: int):
    project = _project(request, project_id)
    if not selectors.sample_complete(project):
        return render(request, "qualitative/disagreements.html", {"project": project, "waiting": True})
    form = forms.SettleForm(request.POST or None)
    if request.method == "POST":
        enforce(rules.can_lead(request.actor, project))
        if form.is_valid():
            data = form.cleaned_data
            document = _document(project, data["document"])
            code = _code(project, data["code"])
            try:
                services.disagreement_settle(
                    document=document, code=code, applies=data["applies"], note=data["note"], actor=request.actor
                )
            except ServiceError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, "Settled. Both original codings are kept.")
            return redirect("qualitative:disagreements", project_id=project.pk)
        messages.error(request, "Choose whether the code applies.")
    figures = agreement.compute(project)
    documents = {
        d.pk: d
        for d in Document.objects.filter(pk__in={d.document_id for d in figures.disagreements}).select_related(
            "participant"
        )
    }
    paths = selectors.code_paths(project)
    settled = {(r.document_id, r.code_id): r for r in Resolution.objects.filter(document__project=project)}
    rows = [
        {
            "document": documents[d.document_id],
            "code_id": d.code_id,
            "code": paths.get(d.code_id, ""),
            "applied_by": d.applied_by,
            "not_applied_by": d.not_applied_by,
            "resolution": settled.get((d.document_id, d.code_id)),
        }
        for d in figures.disagreements
        if d.document_id in documents
    ]
    return render(
        request,
        "qualitative/disagreements.html",
        {"project": project, "rows": rows, "is_lead": rules.can_lead(request.actor, project).allowed},
    )


# --- Analysis and exports ----------------------------------------------------------


@require_GET
@signed_in
def analysis(request, project_id: int):
    project = _project(request, project_id)
    item = request.GET.get("item", "")
    counts = selectors.counts_per_wave(project, item=item)
    paths = selectors.code_paths(project)
    quotes = selectors.quotations(project)
    return render(
        request,
        "qualitative/analysis.html",
        {
            "project": project,
            "counts": counts,
            "items": selectors.item_codes(project),
            "item": item,
            "quotations": [
                (q, paths.get(q.segment.code_id, ""), q.segment.passage(q.segment.document.text)) for q in quotes
            ],
        },
    )


EXPORTS = {
    "segments.csv": ("text/csv; charset=utf-8", exchange.segments_csv),
    "codebook.csv": ("text/csv; charset=utf-8", exchange.codebook_csv),
    "report.docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        exchange.report_docx,
    ),
    "codebook.qdc": ("application/xml", exchange.codebook_qdc),
}


@require_GET
@signed_in
def export(request, project_id: int, kind: str):
    project = _project(request, project_id)
    if kind not in EXPORTS:
        return HttpResponse("Unknown export.", status=404, content_type="text/plain")
    content_type, build = EXPORTS[kind]
    response = HttpResponse(build(project, actor=request.actor), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="project-{project.pk}-{kind}"'
    return response
