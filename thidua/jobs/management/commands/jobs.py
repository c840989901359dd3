from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.acting import acting_user
from thidua.console import Command as ThiduaCommand
from thidua.errors import DomainError
from thidua.jobs.models import Job
from thidua.jobs.services import job_cancel, job_label, job_retry, jobs_reap
from thidua.jobs.watch import job_watch


class Command(ThiduaCommand):
    help = gettext_lazy("Background jobs: list, watch, cancel, retry, reap")

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        verbs.add_parser("list", help=_("List recent jobs"))
        watch = verbs.add_parser("watch", help=_("Follow a job's progress"))
        watch.add_argument("job_id")
        for verb, text in (("cancel", _("Stop a job")), ("retry", _("Start a failed or cancelled job again"))):
            sub = verbs.add_parser(verb, help=text)
            sub.add_argument("job_id")
            sub.add_argument("--as", dest="actor", required=True, help=_("User name of the person acting"))
        verbs.add_parser("reap", help=_("Mark failed the running jobs whose worker is gone"))

    def handle(self, *args: Any, verb: str, **options: Any) -> None:
        if verb == "list":
            for job in Job.objects.all()[:20]:
                started = f"{job.created_at:%d/%m/%Y %H:%M}"
                self.stdout.write(f"{job.pk}  {started}  {job.status:<9}  {job.percent:3d}%  {job_label(job.kind)}")
        elif verb == "reap":
            self.stdout.write(_("%(count)d jobs whose worker is gone marked failed.") % {"count": jobs_reap()})
        elif verb in ("cancel", "retry"):
            actor = acting_user(options["actor"])
            found = Job.objects.filter(pk=options["job_id"]).first()
            if found is None:
                raise CommandError(_("No job %(id)s.") % {"id": options["job_id"]})
            try:
                done = (job_cancel if verb == "cancel" else job_retry)(job=found, actor=actor)
            except DomainError as error:
                raise CommandError(error.text()) from None
            self.stdout.write(f"{done.pk}  {done.get_status_display()}")
        else:
            job = job_watch(options["job_id"], stream=sys.stderr)
            self.stdout.write(str(job.result))
