from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.console import Command as ThiduaCommand
from thidua.jobs.models import Job
from thidua.jobs.services import job_label
from thidua.jobs.watch import job_watch


class Command(ThiduaCommand):
    help = gettext_lazy("Background jobs: list, watch")

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        verbs.add_parser("list", help=_("List recent jobs"))
        watch = verbs.add_parser("watch", help=_("Follow a job's progress"))
        watch.add_argument("job_id")

    def handle(self, *args: Any, verb: str, **options: Any) -> None:
        if verb == "list":
            for job in Job.objects.all()[:20]:
                started = f"{job.created_at:%d/%m/%Y %H:%M}"
                self.stdout.write(f"{job.pk}  {started}  {job.status:<9}  {job.percent:3d}%  {job_label(job.kind)}")
        else:
            job = job_watch(options["job_id"], stream=sys.stderr)
            self.stdout.write(str(job.result))
