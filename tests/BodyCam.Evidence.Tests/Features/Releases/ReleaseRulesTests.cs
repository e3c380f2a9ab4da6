using BodyCam.Evidence.Domain.Releases;
using BodyCam.Evidence.Features.Releases;
using BodyCam.Evidence.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace BodyCam.Evidence.Tests.Features.Releases;

/// <summary>The release rules the server ships and reads from configuration; a rule it could not count with stops it at start.</summary>
public sealed class ReleaseRulesTests
{
    [Test]
    public void The_shipped_rules_are_California_Colorado_Minnesota_and_Chicago()
    {
        var shipped = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(LocalServices.RepositoryRoot, "src", "BodyCam.Evidence.Api", "appsettings.json"))
            .Build();

        var settings = ReleaseSettings.From(shipped);

        Assert.That(settings.Rules.Values.Select(r => (r.Name, r.StartsAt, r.Days, r.ExtensionDays, r.MaxDays, r.ExtensionNeedsReason)), Is.EquivalentTo(new[]
        {
            ("CA-AB748", ReleaseClockStart.Incident, 45, 30, 365, true),
            ("CO-SB20-217", ReleaseClockStart.Complaint, 21, 0, 21, false),
            ("MN-DeadlyForce", ReleaseClockStart.Incident, 14, 0, 14, false),
            ("Chicago", ReleaseClockStart.Incident, 60, 30, 90, true),
        }));
        Assert.That(settings.Rules.Values.Select(r => r.Citation), Has.All.Not.Empty);
        Assert.That((settings.TimeZone, settings.DueSoonDays), Is.EqualTo((TimeZoneInfo.Utc, 7)));
    }

    [Test]
    public void Without_rules_the_server_starts_with_none()
    {
        Assert.That(ReleaseSettings.From(Configuration()).Rules, Is.Empty);
    }

    [TestCase("Days", "0", "Releases:Rules:Local:Days is '0'")]
    [TestCase("Days", "many", "Releases:Rules:Local:Days is 'many'; it must be a whole number")]
    [TestCase("StartsAt", "Arrest", "Releases:Rules:Local:StartsAt is 'Arrest'; it must be one of Incident, Complaint")]
    [TestCase("MaxDays", "10", "Releases:Rules:Local:MaxDays is '10'")]
    [TestCase("ExtensionDays", "-1", "Releases:Rules:Local:ExtensionDays is '-1'")]
    [TestCase("ExtensionNeedsReason", "sometimes", "Releases:Rules:Local:ExtensionNeedsReason is 'sometimes'; it must be true or false")]
    [TestCase("Title", "", "Releases:Rules:Local:Title is required")]
    public void A_bad_rule_is_refused_at_start_naming_its_key(string field, string value, string message)
    {
        var rule = new Dictionary<string, string?>
        {
            ["Releases:Rules:Local:Title"] = "Local policy",
            ["Releases:Rules:Local:StartsAt"] = "Incident",
            ["Releases:Rules:Local:Days"] = "30",
            ["Releases:Rules:Local:Citation"] = "Department policy 4.12",
            [$"Releases:Rules:Local:{field}"] = value,
        };

        var refused = Assert.Throws<ConfigurationException>(() => ReleaseSettings.From(Configuration(rule)));

        Assert.That(refused.Message, Does.StartWith(message));
    }

    [Test]
    public void A_rule_that_extends_needs_a_maximum_beyond_its_first_due_day()
    {
        var refused = Assert.Throws<ConfigurationException>(() => ReleaseSettings.From(Configuration(new Dictionary<string, string?>
        {
            ["Releases:Rules:Local:Title"] = "Local policy",
            ["Releases:Rules:Local:StartsAt"] = "Incident",
            ["Releases:Rules:Local:Days"] = "30",
            ["Releases:Rules:Local:ExtensionDays"] = "15",
            ["Releases:Rules:Local:Citation"] = "Department policy 4.12",
        })));

        Assert.That(refused.Message, Does.StartWith("Releases:Rules:Local:MaxDays"));
    }

    [Test]
    public void An_unknown_time_zone_is_refused_naming_its_key()
    {
        var refused = Assert.Throws<ConfigurationException>(() => ReleaseSettings.From(Configuration(new Dictionary<string, string?> { ["Releases:TimeZone"] = "Mars/Olympus" })));

        Assert.That(refused.Message, Does.StartWith("Releases:TimeZone is 'Mars/Olympus'"));
    }

    private static IConfiguration Configuration(Dictionary<string, string?>? values = null) =>
        new ConfigurationBuilder().AddInMemoryCollection(values ?? []).Build();
}
