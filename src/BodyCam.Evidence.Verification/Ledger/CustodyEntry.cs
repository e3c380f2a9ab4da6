using System.Globalization;
using System.Text;
using System.Text.Json;

namespace BodyCam.Evidence.Verification.Ledger;

/// <summary>
/// One custody event as it is hashed into the ledger. The canonical form is UTF-8 JSON with the properties
/// in the fixed order below, every property present (null when absent), no whitespace, time in UTC with
/// exactly six fractional digits, and strings escaped as RFC 8785 does.
/// </summary>
public sealed record CustodyEntry(
    long Sequence,
    DateTimeOffset Time,
    string ActorId,
    string ActorKind,
    string? ActorRole,
    string? ClientIp,
    string Action,
    Guid? EvidenceId,
    string? ContentSha256,
    string? Reason,
    string Outcome)
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    /// <summary>Both databases keep microseconds, so the hashed time never carries more than the stored row.</summary>
    public static DateTimeOffset TruncateToMicroseconds(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % (TimeSpan.TicksPerMillisecond / 1000)), TimeSpan.Zero);
    }

    public byte[] ToCanonicalBytes()
    {
        var json = new StringBuilder(256);
        json.Append("{\"sequence\":").Append(Sequence.ToString(CultureInfo.InvariantCulture));
        AppendProperty(json, "time", Time.ToUniversalTime().ToString(TimeFormat, CultureInfo.InvariantCulture));
        AppendProperty(json, "actorId", ActorId);
        AppendProperty(json, "actorKind", ActorKind);
        AppendProperty(json, "actorRole", ActorRole);
        AppendProperty(json, "clientIp", ClientIp);
        AppendProperty(json, "action", Action);
        AppendProperty(json, "evidenceId", EvidenceId?.ToString("D"));
        AppendProperty(json, "contentSha256", ContentSha256);
        AppendProperty(json, "reason", Reason);
        AppendProperty(json, "outcome", Outcome);
        return Encoding.UTF8.GetBytes(json.Append('}').ToString());
    }

    /// <summary>Escapes as RFC 8785 (JCS) does: quote, backslash and control characters only, short forms where JSON has them.</summary>
    private static void AppendProperty(StringBuilder json, string name, string? value)
    {
        json.Append(",\"").Append(name).Append("\":");
        if (value is null)
        {
            json.Append("null");
            return;
        }
        json.Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => json.Append("\\\""),
                '\\' => json.Append("\\\\"),
                '\b' => json.Append("\\b"),
                '\f' => json.Append("\\f"),
                '\n' => json.Append("\\n"),
                '\r' => json.Append("\\r"),
                '\t' => json.Append("\\t"),
                < ' ' => json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => json.Append(c),
            };
        }
        json.Append('"');
    }

    public static CustodyEntry FromCanonicalBytes(ReadOnlySpan<byte> canonical)
    {
        using var document = JsonDocument.Parse(canonical.ToArray());
        var root = document.RootElement;
        string? Text(string name) => root.GetProperty(name).GetString();
        var evidenceId = Text("evidenceId");
        return new CustodyEntry(
            root.GetProperty("sequence").GetInt64(),
            DateTimeOffset.ParseExact(Text("time")!, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            Text("actorId")!,
            Text("actorKind")!,
            Text("actorRole"),
            Text("clientIp"),
            Text("action")!,
            evidenceId is null ? null : Guid.Parse(evidenceId),
            Text("contentSha256"),
            Text("reason"),
            Text("outcome")!);
    }
}
