using BodyCam.Evidence.Features.Oversight;
using BodyCam.Evidence.Infrastructure.Identity;
using Mediator;

namespace BodyCam.Evidence.Features.Console;

/// <summary>The start page: what the signed-in person's role can do here, and for those who answer boards, how many footage requests are overdue.</summary>
public sealed class HomePage(IMediator mediator) : ConsolePage(mediator)
{
    public int? OverdueFootageRequests { get; private set; }

    public async Task OnGetAsync()
    {
        if (User.IsInRole(Roles.Custodian) || User.IsInRole(Roles.Supervisor))
        {
            var overdue = await Mediator.Send(new GetFootageRequests(null, Overdue: true, Page: 1, PageSize: 1), HttpContext.RequestAborted);
            OverdueFootageRequests = overdue.OverdueCount;
        }
    }
}
