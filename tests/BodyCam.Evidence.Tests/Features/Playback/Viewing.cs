using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Playback;
using BodyCam.Evidence.Features.Playback;
using BodyCam.Evidence.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Tests.Features.Playback;

/// <summary>What the playback tests do as a player, and what they read back of view sessions and their custody events.</summary>
internal static class Viewing
{
    /// <summary>Sends a content request and reads its whole body; the client is disposed.</summary>
    public static async Task<HttpResponseMessage> PlayAsync(
        this HttpClient client, Guid item, string? reason, string? range = null, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/evidence/{item}/content");
        if (reason is not null)
        {
            request.Headers.Add("X-Access-Reason", reason);
        }
        if (range is not null)
        {
            request.Headers.Add("Range", range);
        }
        configure?.Invoke(request);
        using (client)
        {
            var response = await client.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
            return response;
        }
    }

    public static async Task<List<ViewSession>> OpenViewSessionsAsync(this EvidenceDb db, string reason) =>
        await db.ViewSessions.AsNoTracking().Where(s => s.Reason == reason && s.ClosedAt == null).OrderBy(s => s.ActorId).ToListAsync();

    /// <summary>The item's <c>ContentViewed</c> events of sessions viewed for <paramref name="reason"/>, in log order.</summary>
    public static async Task<List<CustodyEvent>> ContentViewsAsync(this EvidenceDb db, Guid item, string reason)
    {
        var events = await db.CustodyEvents.AsNoTracking()
            .Where(e => e.EvidenceId == item && e.Action == CustodyAction.ContentViewed)
            .OrderBy(e => e.Sequence)
            .ToListAsync();
        return [.. events.Where(e => e.Reason!.EndsWith("; reason: " + reason, StringComparison.Ordinal))];
    }

    /// <summary>The ranges a <c>ContentViewed</c> event lists: <c>0-499,1000-1999</c>.</summary>
    public static string ServedRanges(CustodyEvent view)
    {
        var start = view.Reason!.IndexOf(": bytes ", StringComparison.Ordinal) + ": bytes ".Length;
        return view.Reason[start..view.Reason.IndexOf(" of ", start, StringComparison.Ordinal)];
    }

    /// <summary>Runs the closing job once, as Hangfire would, in a scope of <paramref name="services"/>; returns how many sessions it closed.</summary>
    public static async Task<int> CloseIdleViewSessionsAsync(this IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CloseViewSessionsJob>().RunAsync(CancellationToken.None);
    }
}
