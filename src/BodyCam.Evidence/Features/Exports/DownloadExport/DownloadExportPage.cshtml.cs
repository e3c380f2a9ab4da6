using BodyCam.Evidence.Features.Console;
using BodyCam.Evidence.Infrastructure.Storage;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Exports;

/// <summary>The board's package, streamed as the API's download streams it, for a console session (the API takes bearer tokens only).</summary>
public sealed class DownloadExportPage(IMediator mediator, IBlobStore store) : ConsolePage(mediator)
{
    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var download = await Mediator.Send(new DownloadExport(id), HttpContext.RequestAborted);
        return File(await store.OpenReadAsync(download.BlobName, 0, null, HttpContext.RequestAborted), "application/zip", download.FileName);
    }
}
