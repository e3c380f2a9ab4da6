using BodyCam.Evidence.Infrastructure.Identity;
using Hangfire.Dashboard;

namespace BodyCam.Evidence.Infrastructure.Jobs;

/// <summary>
/// Hangfire's default lets any local request in; behind a reverse proxy every request is local. The endpoint
/// already requires Admin: this filter makes the dashboard refuse on its own as well.
/// </summary>
public sealed class AdminOnlyDashboardFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Admin);
}
