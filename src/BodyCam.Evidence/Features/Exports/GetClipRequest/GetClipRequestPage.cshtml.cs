using BodyCam.Evidence.Domain.Exports;
using BodyCam.Evidence.Features.Console;
using BodyCam.Evidence.Infrastructure.Identity;
using Mediator;

namespace BodyCam.Evidence.Features.Exports;

/// <summary>
/// One clip request: its status and progress, the approvals given and still needed, the decision forms for those whose
/// role decides (the server still decides whether this person may), and the package for the board once ready.
/// </summary>
public sealed class GetClipRequestPage(IMediator mediator, EvidenceSettings settings) : ConsolePage(mediator)
{
    public ClipRequestView Clip { get; private set; } = null!;

    public int RequiredApprovals => settings.Exports.RequiredApprovals;

    public int ApprovalsStillNeeded => Clip.Status == nameof(ClipRequestStatus.Requested) ? RequiredApprovals - Clip.Approvals.Count : 0;

    public bool Waiting => Clip.Status is nameof(ClipRequestStatus.Requested) or nameof(ClipRequestStatus.Approved) or nameof(ClipRequestStatus.Processing);

    public bool OffersDecision => Clip.Status == nameof(ClipRequestStatus.Requested) && (User.IsInRole(Roles.Supervisor) || User.IsInRole(Roles.Custodian));

    public bool OffersDownload => Clip.ExportId is not null && User.IsInRole(Roles.OversightBoard);

    public async Task OnGetAsync(Guid id) => Clip = await Mediator.Send(new GetClipRequest(id), HttpContext.RequestAborted);

    public string StatusClass => Clip.Status switch
    {
        nameof(ClipRequestStatus.Ready) => "status-ok",
        nameof(ClipRequestStatus.Denied) or nameof(ClipRequestStatus.Failed) => "status-bad",
        _ => "status-warn",
    };
}
