from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest

from thidua.documents.selectors import generated_files_of


def generated_file_download(request: HttpRequest, pk: str) -> FileResponse:
    """The owner downloads the file; anyone else learns nothing, not even that it exists."""
    generated = generated_files_of(request.user).filter(pk=pk).first()
    if generated is None or not generated.file.name or not generated.file.storage.exists(generated.file.name):
        raise Http404
    return FileResponse(
        generated.file.open("rb"), as_attachment=True, filename=generated.name, content_type=generated.content_type
    )
