from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from access.shortcuts import signed_in
from reminders import services
from reminders.forms import PreferenceForm
from reminders.models import ReminderPreference


@require_http_methods(["GET", "POST"])
@signed_in
def preferences(request):
    """A person's own reminder settings. Nobody else can turn reminders on for them."""
    person = request.actor.person
    preference = services.preference_for(person)
    form = PreferenceForm(request.POST or None, instance=preference, person=person)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        services.preference_save(person=person, actor=request.actor, **values)
        messages.success(request, "Your reminder choices are saved." if values["enabled"] else "Reminders are off.")
        return redirect("reminders:preferences")
    return render(request, "reminders/preferences.html", {"form": form, "preference": preference})


@require_http_methods(["GET", "POST"])
def turn_off(request, token: str):
    """The link in every reminder. Asks for one click (so mail scanners that
    follow links do not change anything), then turns reminders off. No sign-in needed."""
    preference = get_object_or_404(ReminderPreference.objects.select_related("person"), off_token=token)
    if request.method == "POST":
        services.reminders_turn_off(preference=preference, actor=request.actor)
        return render(request, "reminders/turned_off.html", {"preference": preference})
    return render(request, "reminders/turn_off.html", {"preference": preference})
