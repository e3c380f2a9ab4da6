using BodyCam.Evidence.Domain.Oversight;
using BodyCam.Evidence.Features.Console;
using BodyCam.Evidence.Infrastructure.Identity;
using Mediator;

namespace BodyCam.Evidence.Features.Oversight;

/// <summary>
/// One footage request: its status, deadline and timeline; for supervisors and custodians the candidate recordings and
/// the steps its status allows (the server still decides whether this person may); for its board the clip requests
/// the footage was released as.
/// </summary>
public sealed class GetFootageRequestPage(IMediator mediator) : ConsolePage(mediator)
{
    public FootageRequestView Footage { get; private set; } = null!;

    public FootageCandidates? Candidates { get; private set; }

    public bool Reviews => User.IsInRole(Roles.Supervisor) || User.IsInRole(Roles.Custodian);

    public FootageRequestStatus Status => Enum.Parse<FootageRequestStatus>(Footage.Status);

    public bool Offers(FootageRequestStatus next) => Reviews && FootageRequest.Allows(Status, next);

    public async Task OnGetAsync(Guid id)
    {
        Footage = await Mediator.Send(new GetFootageRequest(id), HttpContext.RequestAborted);
        if (Offers(FootageRequestStatus.ItemsFound))
        {
            Candidates = await Mediator.Send(new FindFootage(id), HttpContext.RequestAborted);
        }
    }

    public string StatusClass => Status switch
    {
        FootageRequestStatus.Released or FootageRequestStatus.NoneFound => "status-ok",
        FootageRequestStatus.Refused => "status-bad",
        _ when Footage.Overdue => "status-bad",
        _ => "status-warn",
    };
}
