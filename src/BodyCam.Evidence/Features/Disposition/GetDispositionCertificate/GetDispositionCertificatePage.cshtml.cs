using BodyCam.Evidence.Features.Console;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BodyCam.Evidence.Features.Disposition;

/// <summary>A disposition certificate as signed, the text <c>bodycam verify certificate</c> checks.</summary>
public sealed class GetDispositionCertificatePage(IMediator mediator) : ConsolePage(mediator)
{
    [FromRoute]
    public Guid CertificateId { get; set; }

    public string SignedNote { get; private set; } = "";

    public async Task OnGetAsync() => SignedNote = await Mediator.Send(new GetDispositionCertificate(CertificateId), HttpContext.RequestAborted);
}
