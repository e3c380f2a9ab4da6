using System.Diagnostics;
using System.Diagnostics.Metrics;
using BodyCam.Evidence.Domain.Evidence;
using BodyCam.Evidence.Domain.Oversight;
using BodyCam.Evidence.Infrastructure.Ledger;
using BodyCam.Evidence.Infrastructure.Persistence;
using BodyCam.Evidence.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;

namespace BodyCam.Evidence.Infrastructure.Telemetry;

/// <summary>
/// The system's own measurements, on the <c>BodyCam.Evidence</c> meter. Counters are counted where the work is
/// done; the gauges that read the database run only when an exporter collects (a Prometheus scrape, an OTLP
/// export), each in a scope of its own, and skip their reading rather than fail a collection.
/// </summary>
public sealed partial class EvidenceMetrics
{
    public const string MeterName = "BodyCam.Evidence";

    /// <summary>Seconds; Hangfire jobs here last from milliseconds (a checkpoint) to many minutes (hashing a long recording).</summary>
    private static readonly double[] JobDurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

    private readonly Counter<long> _bytesIngested;
    private readonly UpDownCounter<long> _uploadsActive;
    private readonly Counter<long> _quarantines;
    private readonly Counter<long> _fixityChecks;
    private readonly Histogram<double> _jobDuration;
    private readonly Counter<long> _witnessRefusals;
    private readonly Histogram<double> _witnessQuorumLatency;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly ILogger<EvidenceMetrics> _logger;

    public EvidenceMetrics(
        IMeterFactory meters, IServiceScopeFactory scopes, FixitySettings fixity, WitnessSettings witnessing, TimeProvider clock, ILogger<EvidenceMetrics> logger)
    {
        _scopes = scopes;
        _clock = clock;
        _logger = logger;
        var meter = meters.Create(MeterName);
        _bytesIngested = meter.CreateCounter<long>("bodycam.bytes_ingested", "By", "Bytes of uploads committed to the store's staging, whatever the protocol");
        _uploadsActive = meter.CreateUpDownCounter<long>("bodycam.uploads_active", "{upload}", "Uploads whose bytes are being received right now");
        _quarantines = meter.CreateCounter<long>("bodycam.quarantines", "{item}", "Evidence items quarantined, by the check that failed");
        _fixityChecks = meter.CreateCounter<long>(
            "bodycam.fixity.checks", "{item}", "Stored items read back and re-hashed by the fixity job, by outcome: intact or failed");
        _jobDuration = meter.CreateHistogram(
            "bodycam.job.duration", "s", "How long background jobs ran, by job and outcome",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = JobDurationBuckets });
        meter.CreateObservableGauge(
            "bodycam.verify_backlog",
            () => Observe<long>("verify_backlog", db => db.EvidenceItems.LongCount(e => e.Status == EvidenceStatus.Received)),
            "{item}", "Evidence items received whose stored bytes are not yet verified");
        meter.CreateObservableGauge(
            "bodycam.fixity.due",
            () => Observe<long>("fixity_due", db =>
            {
                var dueBefore = _clock.GetUtcNow() - fixity.Interval;
                return db.EvidenceItems.LongCount(e =>
                    e.Status == EvidenceStatus.Verified && e.Disposition != DispositionState.Purged
                    && (e.LastFixityCheckAt == null || e.LastFixityCheckAt <= dueBefore));
            }),
            "{item}", "Verified items whose last fixity check is older than Fixity:Interval; a count that stays up means the runs cannot keep pace");
        meter.CreateObservableGauge(
            "bodycam.footage_requests.overdue",
            () => Observe<long>("footage_requests_overdue", db =>
            {
                var now = _clock.GetUtcNow();
                return db.FootageRequests.LongCount(r =>
                    (r.Status == FootageRequestStatus.Received || r.Status == FootageRequestStatus.ItemsFound) && r.DueAt <= now);
            }),
            "{request}", "Oversight boards' footage requests still open past their response deadline (Oversight:ResponseDays)");
        meter.CreateObservableGauge(
            "bodycam.ledger_size",
            () => Observe<long>("ledger_size", db => db.CustodyEvents.Max(e => (long?)e.Sequence) + 1 ?? 0),
            "{event}", "Custody events in the ledger");
        meter.CreateObservableGauge(
            "bodycam.checkpoint.tree_size",
            () => ObserveLatestCheckpoint("checkpoint_tree_size", checkpoint => (double)checkpoint.TreeSize),
            "{event}", "Custody events covered by the newest signed checkpoint");
        meter.CreateObservableGauge(
            "bodycam.checkpoint.age",
            () => ObserveLatestCheckpoint("checkpoint_age", checkpoint => (_clock.GetUtcNow() - checkpoint.SignedAt).TotalSeconds),
            "s", "Seconds since the newest checkpoint was signed; it grows while the ledger does not");
        _witnessRefusals = meter.CreateCounter<long>(
            "bodycam.witness.refusals", "{refusal}",
            "Checkpoints a witness refused (status 403, 404, 422, another 4xx, an unresolvable 409) or answered with a cosignature that does not verify, by witness and status: each is an alert");
        _witnessQuorumLatency = meter.CreateHistogram(
            "bodycam.witness.quorum_latency", "s", "Seconds from signing a checkpoint to receiving the cosignature that brought it to Ledger:WitnessQuorum",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = JobDurationBuckets });
        meter.CreateObservableGauge(
            "bodycam.witness.lag",
            () => ObserveWitnessLag(witnessing),
            "{event}", "Entries of the newest signed checkpoint that each witness has not cosigned yet: the checkpoint's size less the witness's last cosigned size");
    }

    public void BytesIngested(long bytes)
    {
        if (bytes > 0)
        {
            _bytesIngested.Add(bytes);
        }
    }

    /// <summary>Counts an upload as active until the returned value is disposed.</summary>
    public IDisposable UploadActive()
    {
        _uploadsActive.Add(1);
        return new Decrement(_uploadsActive);
    }

    /// <param name="check">What found the mismatch: <c>declared_hash</c> on completion, <c>stored_hash</c> on verification, <c>fixity</c> on a later re-check.</param>
    public void Quarantined(string check) => _quarantines.Add(1, new KeyValuePair<string, object?>("check", check));

    public void FixityChecked(bool intact) => _fixityChecks.Add(1, new KeyValuePair<string, object?>("outcome", intact ? "intact" : "failed"));

    public void JobPerformed(string job, string outcome, TimeSpan duration) =>
        _jobDuration.Record(duration.TotalSeconds, new TagList { { "job", job }, { "outcome", outcome } });

    /// <param name="witness">The witness's key name.</param>
    /// <param name="status">The witness's HTTP status, or what else was wrong: <c>unverified_cosignature</c>, <c>ahead</c>.</param>
    public void WitnessRefused(string witness, string status) =>
        _witnessRefusals.Add(1, new TagList { { "witness", witness }, { "status", status } });

    public void WitnessQuorumReached(TimeSpan sinceSigned) => _witnessQuorumLatency.Record(Math.Max(0, sinceSigned.TotalSeconds));

    private IEnumerable<Measurement<long>> ObserveWitnessLag(WitnessSettings witnessing)
    {
        if (witnessing.Witnesses.Count == 0)
        {
            return [];
        }
        var keys = witnessing.Witnesses.Select(w => w.Key.ToString()).ToList();
        return ObserveEach("witness_lag", db =>
        {
            var newest = db.LedgerCheckpoints.Max(c => (long?)c.TreeSize) ?? 0;
            var cosigned = db.WitnessStates.Where(s => keys.Contains(s.WitnessKey)).ToDictionary(s => s.WitnessKey, s => s.CosignedSize);
            return witnessing.Witnesses.Select(w => new Measurement<long>(
                newest - cosigned.GetValueOrDefault(w.Key.ToString()), new KeyValuePair<string, object?>("witness", w.Name)));
        });
    }

    private IEnumerable<Measurement<double>> ObserveLatestCheckpoint(string gauge, Func<(long TreeSize, DateTimeOffset SignedAt), double> value) =>
        Observe(gauge, db => db.LedgerCheckpoints
                .OrderByDescending(c => c.TreeSize)
                .Select(c => new { c.TreeSize, c.SignedAt })
                .FirstOrDefault() is { } latest
                ? value((latest.TreeSize, latest.SignedAt))
                : (double?)null);

    private IEnumerable<Measurement<T>> Observe<T>(string gauge, Func<EvidenceDb, T?> query)
        where T : struct =>
        ObserveEach<T>(gauge, db => query(db) is { } value ? [new Measurement<T>(value)] : []);

    private IEnumerable<Measurement<T>> ObserveEach<T>(string gauge, Func<EvidenceDb, IEnumerable<Measurement<T>>> query)
        where T : struct
    {
        try
        {
            // The gauges' own queries are not the application's work: no spans for them on every scrape.
            using var suppressed = SuppressInstrumentationScope.Begin();
            using var scope = _scopes.CreateScope();
            return [.. query(scope.ServiceProvider.GetRequiredService<EvidenceDb>())];
        }
        catch (ObjectDisposedException)
        {
            // The exporters' last collection at shutdown comes after the container has gone.
            return [];
        }
        catch (Exception e)
        {
            LogGaugeSkipped(gauge, e.GetType().Name, e.Message);
            return [];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Gauge} gauge was skipped in this collection: {Error}: {Reason}")]
    private partial void LogGaugeSkipped(string gauge, string error, string reason);

    private sealed class Decrement(UpDownCounter<long> counter) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                counter.Add(-1);
            }
        }
    }
}
