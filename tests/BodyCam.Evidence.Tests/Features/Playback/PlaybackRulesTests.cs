using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Domain.Playback;
using BodyCam.Evidence.Features.Playback;
using BodyCam.Evidence.Infrastructure.Problems;
using Microsoft.Net.Http.Headers;

namespace BodyCam.Evidence.Tests.Features.Playback;

public sealed class PlaybackRulesTests
{
    private static readonly EvidenceContent Content = new("recordings/x", 1000, "video/mp4", "\"abc\"", "x.mp4");

    [TestCase("bytes=0-0", "0-0")]
    [TestCase("bytes=-5000", "0-999")]
    [TestCase("bytes=990-2000", "990-999")]
    [TestCase("bytes=0-9,10-19", "0-19")]
    [TestCase("bytes=500-599,0-9,1000-", "0-9,500-599")]
    [TestCase("BYTES=5-9", "5-9")]
    public void Satisfiable_ranges_are_clipped_sorted_and_merged(string range, string served)
    {
        var selection = ContentSelection.Select(Content, Conditions(range));

        Assert.That(selection, Is.InstanceOf<ContentSelection.Partial>());
        Assert.That(ByteRange.Format(selection.Serves!), Is.EqualTo(served));
    }

    [TestCase("bytes=1000-")]
    [TestCase("bytes=-0")]
    [TestCase("bytes=2000-3000,1000-1001")]
    public void Ranges_wholly_outside_the_content_are_unsatisfiable(string range) =>
        Assert.That(ContentSelection.Select(Content, Conditions(range)), Is.InstanceOf<ContentSelection.Unsatisfiable>());

    [TestCase("items=0-9")]
    [TestCase("bytes=9-0")]
    [TestCase("bytes=abc")]
    public void A_range_header_that_is_not_bytes_or_not_valid_is_ignored(string range) =>
        Assert.That(ContentSelection.Select(Content, Conditions(range)), Is.InstanceOf<ContentSelection.Whole>());

    [Test]
    public void An_empty_recording_serves_no_ranges_whole_and_none_in_part()
    {
        var empty = Content with { Length = 0 };

        Assert.That(ContentSelection.Select(empty, ContentConditions.None).Serves, Is.Empty);
        Assert.That(ContentSelection.Select(empty, Conditions("bytes=0-")), Is.InstanceOf<ContentSelection.Unsatisfiable>());
        Assert.That(ContentSelection.Select(empty, Conditions("bytes=-10")), Is.InstanceOf<ContentSelection.Unsatisfiable>());
    }

    [Test]
    public void If_range_with_a_date_never_matches_since_no_last_modified_is_sent()
    {
        var conditions = Conditions("bytes=0-9") with { IfRange = new RangeConditionHeaderValue(DateTimeOffset.UnixEpoch) };

        Assert.That(ContentSelection.Select(Content, conditions), Is.InstanceOf<ContentSelection.Whole>());
    }

    [Test]
    public void If_none_match_star_or_a_weak_tag_is_not_modified_and_if_match_another_tag_fails()
    {
        Assert.That(ContentSelection.Select(Content, ContentConditions.None with { IfNoneMatch = [EntityTagHeaderValue.Any] }), Is.InstanceOf<ContentSelection.NotModified>());
        Assert.That(ContentSelection.Select(Content, ContentConditions.None with { IfNoneMatch = [new EntityTagHeaderValue("\"abc\"", isWeak: true)] }),
            Is.InstanceOf<ContentSelection.NotModified>());
        Assert.That(() => ContentSelection.Select(Content, ContentConditions.None with { IfMatch = [new EntityTagHeaderValue("\"abd\"")] }),
            Throws.InstanceOf<PreconditionFailedException>());
    }

    [Test]
    public void A_session_with_more_ranges_than_a_custody_event_holds_is_summarised_and_keeps_its_reason()
    {
        var reason = new string('r', AccessReason.MaxLength);
        var session = ViewSession.Open(new Actor("carol", ActorKind.User, "Custodian", "10.1.2.3"), Guid.NewGuid(), new string('a', 64), 10_000_000_000, reason, DateTimeOffset.UnixEpoch);
        session.Serve(Enumerable.Range(0, 400).Select(i => new ByteRange(i * 1_000_000_000L / 40, (i * 1_000_000_000L / 40) + 9)), requests: 1, DateTimeOffset.UnixEpoch);

        var described = ViewSessions.Describe(session);

        Assert.That(described.Length, Is.LessThanOrEqualTo(2000));
        Assert.That(described, Does.Contain(",… (400 ranges in all) of 10000000000 (4000 bytes) in 1 request, "));
        Assert.That(described, Does.EndWith("; reason: " + reason));
    }

    private static ContentConditions Conditions(string range) =>
        ContentConditions.None with { Range = RangeHeaderValue.TryParse(range, out var parsed) ? parsed : null };
}
