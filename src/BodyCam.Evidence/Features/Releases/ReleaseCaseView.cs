using BodyCam.Evidence.Domain.Releases;
using BodyCam.Evidence.Features.Public;
using BodyCam.Evidence.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Releases;

/// <summary>Where a case stands against its due day: words, so that no list says it by colour alone.</summary>
public enum ReleaseDeadline
{
    OnTime,
    DueSoon,
    Overdue,
    ReleasedOnTime,
    ReleasedLate,
}

/// <summary>
/// A release case with its items, its clips as the clip pipeline has them, its timeline (incident, complaint, opening,
/// each extension with its reason, approval, publication) and, once published, its public folder's files.
/// <see cref="DaysLeft"/> counts calendar days in <c>Releases:TimeZone</c> to the due day: 0 on it, negative once overdue.
/// </summary>
public sealed record ReleaseCaseView(
    Guid Id,
    string Title,
    string Description,
    string Rule,
    string? RuleTitle,
    string? Citation,
    DateTimeOffset IncidentAt,
    DateTimeOffset? ComplaintAt,
    DateOnly ClockStartedOn,
    DateOnly OriginalDueOn,
    DateOnly DueOn,
    DateOnly LatestDueOn,
    int Extensions,
    int DaysLeft,
    string Deadline,
    string Status,
    string OpenedBy,
    DateTimeOffset OpenedAt,
    string? ApprovedBy,
    DateTimeOffset? ApprovedAt,
    string? PublishedBy,
    DateTimeOffset? PublishedAt,
    IReadOnlyList<ReleaseItemView> Items,
    IReadOnlyList<ReleaseClipView> Clips,
    IReadOnlyList<ReleaseTimelineEntry> Timeline,
    string? PublicPath,
    IReadOnlyList<ReleaseFileView> Files);

public sealed record ReleaseItemView(Guid EvidenceId, string? SourceSha256);

public sealed record ReleaseClipView(
    Guid ClipRequestId, Guid EvidenceId, string Status, string RequestedBy, double StartSeconds, double EndSeconds, int Redactions, bool Watermarked,
    Guid? ExportId, string? ClipSha256);

public sealed record ReleaseTimelineEntry(DateTimeOffset At, string Event, string? By, string? Detail);

public sealed record ReleaseFileView(string Name, long Bytes, string Sha256);

internal static class ReleaseCaseViews
{
    public const string PublicFolder = PublicSettings.PathPrefix + "/releases";

    public static ReleaseDeadline DeadlineOf(ReleaseCase releaseCase, DateOnly today, int dueSoonDays) => releaseCase switch
    {
        { PublishedOn: { } published } => published <= releaseCase.DueOn ? ReleaseDeadline.ReleasedOnTime : ReleaseDeadline.ReleasedLate,
        _ when today > releaseCase.DueOn => ReleaseDeadline.Overdue,
        _ when ReleaseClock.DaysLeft(releaseCase.DueOn, today) <= dueSoonDays => ReleaseDeadline.DueSoon,
        _ => ReleaseDeadline.OnTime,
    };

    public static async Task<ReleaseCaseView> LoadAsync(
        this EvidenceDb db, ReleaseCase releaseCase, ReleaseSettings settings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var items = await db.ReleaseItemsAsync(releaseCase.Id, cancellationToken);
        var clips = await db.ReleaseClips.Where(c => c.CaseId == releaseCase.Id)
            .Join(db.ClipRequests, c => c.ClipRequestId, r => r.Id, (c, r) => r)
            .OrderBy(r => r.RequestedAt)
            .ToListAsync(cancellationToken);
        var clipIds = clips.Select(c => c.Id).ToList();
        var clipHashes = await db.EvidenceExports.Where(e => clipIds.Contains(e.ClipRequestId))
            .ToDictionaryAsync(e => e.ClipRequestId, e => e.ClipSha256, cancellationToken);
        var extensions = await db.ReleaseExtensions.Where(e => e.CaseId == releaseCase.Id).OrderBy(e => e.ExtendedAt).ToListAsync(cancellationToken);
        var files = await db.ReleaseFiles.Where(f => f.CaseId == releaseCase.Id).OrderBy(f => f.Name)
            .Select(f => new ReleaseFileView(f.Name, f.Bytes, f.Sha256)).ToListAsync(cancellationToken);
        var rule = settings.Rule(releaseCase.RuleName);
        var today = ReleaseClock.DayOf(now, settings.TimeZone);
        return new ReleaseCaseView(
            releaseCase.Id, releaseCase.Title, releaseCase.Description, releaseCase.RuleName, rule?.Title, rule?.Citation,
            releaseCase.IncidentAt, releaseCase.ComplaintAt, releaseCase.ClockStartedOn, releaseCase.OriginalDueOn, releaseCase.DueOn, releaseCase.LatestDueOn,
            releaseCase.ExtensionCount, ReleaseClock.DaysLeft(releaseCase.DueOn, today), DeadlineOf(releaseCase, today, settings.DueSoonDays).ToString(),
            releaseCase.Status.ToString(), releaseCase.OpenedBy, releaseCase.OpenedAt, releaseCase.ApprovedBy, releaseCase.ApprovedAt,
            releaseCase.PublishedBy, releaseCase.PublishedAt,
            [.. items.Select(i => new ReleaseItemView(i.Id, i.Sha256))],
            [.. clips.Select(c => new ReleaseClipView(
                c.Id, c.EvidenceId, c.Status.ToString(), c.RequestedBy, c.StartSeconds, c.EndSeconds, c.Redactions.Count, c.Watermark is not null,
                c.ExportId, clipHashes.GetValueOrDefault(c.Id)))],
            Timeline(releaseCase, extensions),
            releaseCase.Status == ReleaseCaseStatus.Published ? $"{PublicFolder}/{releaseCase.Id}/" : null,
            files);
    }

    private static List<ReleaseTimelineEntry> Timeline(ReleaseCase releaseCase, IReadOnlyList<ReleaseExtension> extensions)
    {
        var timeline = new List<ReleaseTimelineEntry> { new(releaseCase.IncidentAt, "Incident", null, null) };
        if (releaseCase.ComplaintAt is { } complaintAt)
        {
            timeline.Add(new(complaintAt, "Complaint or request received", null, null));
        }
        timeline.Add(new(releaseCase.OpenedAt, "Release case opened", releaseCase.OpenedBy, $"under {releaseCase.RuleName}, due {releaseCase.OriginalDueOn:yyyy-MM-dd}"));
        timeline.AddRange(extensions.Select(e => new ReleaseTimelineEntry(
            e.ExtendedAt, "Extended", e.ExtendedBy, $"due {e.PreviousDueOn:yyyy-MM-dd} → {e.DueOn:yyyy-MM-dd}{(e.Reason is null ? "" : $": {e.Reason}")}")));
        if (releaseCase.ApprovedAt is { } approvedAt)
        {
            timeline.Add(new(approvedAt, "Approved for release", releaseCase.ApprovedBy, releaseCase.ApprovalReason));
        }
        if (releaseCase.PublishedAt is { } publishedAt)
        {
            timeline.Add(new(publishedAt, "Published", releaseCase.PublishedBy, null));
        }
        return [.. timeline.OrderBy(t => t.At)];
    }
}
