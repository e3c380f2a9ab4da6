using System.Text;
using BodyCam.Evidence.Verification.Ledger;

namespace BodyCam.Evidence.Tests.Verification;

public sealed class CustodyEntryTests
{
    private static readonly CustodyEntry Entry = new(
        7,
        new DateTimeOffset(2026, 11, 26, 12, 30, 45, TimeSpan.Zero).AddTicks(1234567),
        "carol", "User", "Custodian", "10.1.2.3", "DockRegistered", Guid.Parse("0195f6e1-0000-7000-8000-000000000001"), null, "Zoë's \"dock\"", "Succeeded");

    [Test]
    public void The_canonical_form_is_fixed_order_compact_UTF8_JSON_with_microsecond_UTC_time()
    {
        var canonical = Encoding.UTF8.GetString(Entry.ToCanonicalBytes());

        Assert.That(canonical, Is.EqualTo(
            """{"sequence":7,"time":"2026-11-26T12:30:45.123456Z","actorId":"carol","actorKind":"User","actorRole":"Custodian","clientIp":"10.1.2.3","action":"DockRegistered","evidenceId":"0195f6e1-0000-7000-8000-000000000001","contentSha256":null,"reason":"Zoë's \"dock\"","outcome":"Succeeded"}"""));
    }

    [Test]
    public void Decoding_the_canonical_form_gives_back_the_entry()
    {
        var truncated = Entry with { Time = CustodyEntry.TruncateToMicroseconds(Entry.Time) };

        Assert.That(CustodyEntry.FromCanonicalBytes(truncated.ToCanonicalBytes()), Is.EqualTo(truncated));
    }

    [Test]
    public void Strings_are_escaped_only_where_JSON_requires_it()
    {
        var entry = Entry with { Reason = "tab\there\nnew line \u0001 <b>&</b> café 😀 \\ \"q\"" };

        var canonical = Encoding.UTF8.GetString(entry.ToCanonicalBytes());

        Assert.That(canonical, Does.Contain("""
            "reason":"tab\there\nnew line \u0001 <b>&</b> café 😀 \\ \"q\""
            """));
        Assert.That(CustodyEntry.FromCanonicalBytes(entry.ToCanonicalBytes()).Reason, Is.EqualTo(entry.Reason));
    }
}
