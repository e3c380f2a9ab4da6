namespace BodyCam.Evidence.Features.Reports;

/// <summary>
/// What an agency publishes about a period [<paramref name="From"/>, <paramref name="To"/>): aggregate figures only,
/// in sections of one shape, each figure with the sentence that defines it, and the signed checkpoint of the custody
/// log they were computed at, so that anyone holding the log's key can tie them to the ledger.
/// </summary>
public sealed record TransparencyReport(
    DateTimeOffset From, DateTimeOffset To, DateTimeOffset GeneratedAt, ReportCheckpoint Checkpoint, IReadOnlyList<ReportSection> Sections);

/// <param name="TreeSize">The custody events the checkpoint covers: those of ledger index 0 to TreeSize − 1.</param>
/// <param name="RootHash">The tree's root hash, base64, as the signed note writes it.</param>
/// <param name="SignedNote">The checkpoint as <c>GET /api/ledger/checkpoint</c> served it, verbatim.</param>
/// <param name="SignedNoteSha256">SHA-256 of the signed note's UTF-8 bytes, hex, for quoting the checkpoint in a line.</param>
/// <param name="SignedAt">When the server signed the checkpoint.</param>
public sealed record ReportCheckpoint(long TreeSize, string RootHash, string SignedNote, string SignedNoteSha256, DateTimeOffset SignedAt);

/// <summary>One part of the report: its figures, and the histograms that break some of them down.</summary>
public sealed record ReportSection(string Id, string Title, IReadOnlyList<ReportFigure> Figures, IReadOnlyList<ReportHistogram> Histograms);

/// <param name="Id">Stable across reports, for machines: <c>received</c>, <c>upload-delay-median</c>.</param>
/// <param name="Name">What a person calls the figure.</param>
/// <param name="Value">Null when the figure cannot be computed for the period, such as the median of no delays.</param>
/// <param name="Unit">What the value counts or measures: <c>recordings</c>, <c>holds</c>, <c>seconds</c>.</param>
/// <param name="Definition">One sentence saying exactly what is counted, and from what.</param>
public sealed record ReportFigure(string Id, string Name, double? Value, string Unit, string Definition);

public sealed record ReportHistogram(string Id, string Title, string Unit, string Definition, IReadOnlyList<ReportBand> Bands);

public sealed record ReportBand(string Id, string Label, int Count);
