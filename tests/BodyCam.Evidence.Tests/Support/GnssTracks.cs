using BodyCam.Evidence.Domain.Evidence;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Tests.Support;

/// <summary>
/// Gives an uploaded item the GNSS track an Axis recording would bring: a recording holding the track, which the item
/// then belongs to. A tus upload has no track of its own.
/// </summary>
internal static class GnssTracks
{
    public static async Task AddTrackAsync(this EvidenceApiFactory api, Guid item, IReadOnlyList<(double Longitude, double Latitude)> track)
    {
        await using var db = api.OpenDb();
        var now = DateTimeOffset.UtcNow;
        var recording = Domain.Recordings.Recording.Open(Guid.NewGuid(), $"track-{Guid.NewGuid():N}", null, null, now, false, new Dictionary<string, string>(), now);
        var points = track.Select((p, i) => Domain.Recordings.GnssPoint.At(recording.Id, i, p.Longitude, p.Latitude, i, null)).ToList();
        recording.BoundTrack(points);
        db.Recordings.Add(recording);
        db.GnssPoints.AddRange(points);
        var evidence = await db.EvidenceItems.SingleAsync(e => e.Id == item);
        db.Entry(evidence).Property(nameof(EvidenceItem.RecordingId)).CurrentValue = (Guid?)recording.Id;
        await db.SaveChangesAsync();
    }
}
