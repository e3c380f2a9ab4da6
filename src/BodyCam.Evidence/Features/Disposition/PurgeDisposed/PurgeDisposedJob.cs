using System.Globalization;
using Azure;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Domain.Retention;
using BodyCam.Evidence.Features.Retention;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Storage;
using BodyCam.Evidence.Verification.Disposition;
using BodyCam.Evidence.Verification.Notes;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Features.Disposition;

/// <summary>
/// Daily: soft-deleted items whose restore window has passed, and that no hold has caught since, are destroyed. The
/// blob (and poster) is deleted first, then the row becomes a tombstone with a <c>Purged</c> custody event; a crash
/// between the two leaves the item soft-deleted, and the next run finishes it. Each run's purges are then listed in
/// one disposition certificate, signed with the ledger's key, naming the ledger index of every purge event; purges
/// a crash left uncertified are certified by the next run.
/// </summary>
public sealed class PurgeDisposedJob(EvidenceDb db, IBlobStore store, NoteSigner signer, TimeProvider clock)
{
    private const int BatchSize = 100;

    public async Task<Guid?> RunAsync(CancellationToken cancellationToken)
    {
        var system = Actor.System(RecurringJobs.Purge.Id);
        var now = clock.GetUtcNow();
        var due = db.EvidenceItems
            .Where(e => e.Disposition == DispositionState.SoftDeleted && e.PurgeAfter != null && e.PurgeAfter <= now)
            .WhereProtected(db, isProtected: false);
        var refusedByStore = new List<Guid>();
        while (true)
        {
            db.ChangeTracker.Clear();
            var batch = await due.Where(e => !refusedByStore.Contains(e.Id)).OrderBy(e => e.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }
            foreach (var item in batch)
            {
                try
                {
                    await store.DeleteAsync(item.BlobName, cancellationToken);
                }
                catch (RequestFailedException e) when (e.Status == 409)
                {
                    // A locked immutability policy outlives a shortened retention; the blob stays until it expires.
                    refusedByStore.Add(item.Id);
                    continue;
                }
                if (item.PosterBlobName is { } poster)
                {
                    await store.DeleteAsync(poster, cancellationToken);
                }
                item.Purge(now);
                db.CustodyEvents.Record(
                    CustodyAction.Purged, system, item.Id, item.StreamSha256,
                    reason: $"destroyed after disposition: blob {item.BlobName} ({item.Bytes} bytes) deleted; the record stays as a tombstone");
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        return await CertifyAsync(system, cancellationToken);
    }

    private async Task<Guid?> CertifyAsync(Actor system, CancellationToken cancellationToken)
    {
        // A certificate names each purge event's ledger index: a run that died before its events were integrated left them unsequenced.
        await db.IntegrateCommittedCustodyEventsAsync(cancellationToken);
        db.ChangeTracker.Clear();
        var purged = await db.EvidenceItems
            .Where(e => e.Disposition == DispositionState.Purged && e.DispositionCertificateId == null)
            .OrderBy(e => e.PurgedAt).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
        if (purged.Count == 0)
        {
            return null;
        }
        var ids = purged.Select(e => e.Id).ToList();
        var purgeEvents = (await db.CustodyEvents.AsNoTracking()
                .Where(e => e.Action == CustodyAction.Purged && e.EvidenceId != null && ids.Contains(e.EvidenceId.Value))
                .Select(e => new { EvidenceId = e.EvidenceId!.Value, Sequence = e.Sequence!.Value, e.LeafHash })
                .ToListAsync(cancellationToken))
            .ToDictionary(e => e.EvidenceId);
        var requests = (await db.DispositionRequests.AsNoTracking()
                .Where(r => ids.Contains(r.EvidenceId) && r.Status == DispositionRequestStatus.Approved)
                .ToListAsync(cancellationToken))
            .GroupBy(r => r.EvidenceId).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.ApprovedAt).First());
        var categories = (await db.EvidenceCategories.AsNoTracking().Where(c => ids.Contains(c.EvidenceId)).ToListAsync(cancellationToken))
            .ToLookup(c => c.EvidenceId, c => c.CategoryId);

        var now = clock.GetUtcNow();
        var certificateId = Guid.CreateVersion7(now);
        var certificate = new DispositionCertificateDocument(
            certificateId, signer.VerifierKey.Name, now,
            [.. purged.Select(item =>
            {
                var request = requests[item.Id];
                var purge = purgeEvents[item.Id];
                return new DestroyedItem(
                    item.Id, item.StreamSha256, item.Bytes, item.Recording.FileName, item.Recording.OfficerId, item.Recording.RecordedStart,
                    item.Recording.RecordedEnd, [.. categories[item.Id].Order(StringComparer.Ordinal)], request.Id, request.RequestedBy, request.Reason,
                    request.RequestedAt, request.ApprovedBy!, request.ApprovedAt!.Value, item.PurgedAt!.Value, purge.Sequence,
                    Convert.ToHexStringLower(purge.LeafHash));
            })]);
        var signedNote = signer.Sign(certificate.ToNoteText());
        db.DispositionCertificates.Add(DispositionCertificate.Issue(certificateId, purged.Count, signedNote, now));
        purged.ForEach(item => item.Certify(certificateId));
        db.CustodyEvents.Record(
            CustodyAction.DispositionCertified, system,
            contentSha256: Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(signedNote))),
            reason: $"disposition certificate {certificateId}: {purged.Count} items destroyed, purge events {string.Join(", ", purged.Select(e => purgeEvents[e.Id].Sequence.ToString(CultureInfo.InvariantCulture)))}");
        await db.SaveChangesAsync(cancellationToken);
        return certificateId;
    }
}
