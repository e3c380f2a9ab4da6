using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Infrastructure.Problems;

/// <summary>A request refused as invalid (an API call's 400, a console form sent back with its errors) is a custody event.</summary>
public static class InvalidRequests
{
    public static string Describe(IDictionary<string, string[]> errors) =>
        string.Join("; ", errors.Select(error => $"{error.Key}: {string.Join(" ", error.Value)}"));

    /// <summary>
    /// Records which fields were refused and why, by a unit of work of its own: the request's may still hold what a
    /// refused command had added before it threw.
    /// </summary>
    public static async Task RecordAsync(HttpContext httpContext, string why)
    {
        var reason = FreeText.Quote($"{httpContext.Request.Method} {httpContext.Request.Path}: {why}");
        await using var scope = httpContext.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EvidenceDb>();
        db.CustodyEvents.Record(
            CustodyAction.RequestRefused, HttpCurrentActor.FromHttpContext(httpContext), reason: CustodyEvent.FitReason(reason), outcome: CustodyOutcome.Denied);
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
