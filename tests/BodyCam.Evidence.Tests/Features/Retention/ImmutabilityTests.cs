using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using BodyCam.Evidence.Domain.Custody;
using BodyCam.Evidence.Features.Retention;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Infrastructure.Storage;
using BodyCam.Evidence.Tests.Support;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Tests.Features.Retention;

/// <summary>
/// Azurite does not implement immutability policies or blob legal holds, so the store's side is a recording fake; what
/// is tested is which blob gets what, when, through the real jobs on the production profile.
/// </summary>
public sealed class ImmutabilityTests
{
    private static readonly DateTimeOffset RecordedStart = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    private readonly RecordingImmutability _immutability = new();
    private EvidenceApiFactory _api = null!;

    [OneTimeSetUp]
    public async Task StartServer() => _api = await EvidenceApiFactory.StartAsync(
        ApiProfile.Production, overNetwork: false, services => services.AddSingleton<IBlobImmutability>(_immutability),
        ("Storage:Immutability", "Locked"), ("Retention:DefaultDays", "180"));

    [OneTimeTearDown]
    public async Task StopServer() => await _api.DisposeAsync();

    [Test]
    public async Task A_verified_blob_is_immutable_to_its_retention_end_and_carries_a_legal_hold_exactly_while_held()
    {
        var item = await _api.UploadVerifiedRecordingAsync("officer-worm");
        var blob = await BlobOfAsync(item);
        await WaitForAsync(blob, $"until {RecordedStart.AddDays(180):O}");

        var custodian = _api.ClientFor(Roles.Custodian, "carol");
        var placed = await custodian.PostAsJsonAsync("/api/legal-holds", new { reason = "Preserve", matter = "Doe v. City", evidenceIds = new[] { item } });
        Assert.That(placed.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        await WaitForAsync(blob, "hold on");
        var hold = (await placed.Content.ReadFromJsonAsync<HoldRow>())!.Id;
        (await custodian.PostAsJsonAsync($"/api/legal-holds/{hold}/release", new { reason = "Settled" })).EnsureSuccessStatusCode();
        await WaitForAsync(blob, "hold off");

        Assert.That(_immutability.CallsFor(blob), Is.EqualTo(new[] { $"until {RecordedStart.AddDays(180):O}", "hold on", "hold off" }));
        await using var db = _api.OpenDb();
        var applied = await db.CustodyEvents.Where(e => e.EvidenceId == item && e.Action == CustodyAction.ImmutabilityApplied).CountAsync();
        Assert.That(applied, Is.EqualTo(3), "each change to the blob's protection is a custody event");
    }

    [Test]
    public async Task Protection_is_only_ever_extended_never_shortened()
    {
        await (await _api.ClientFor(Roles.Admin, "ada").PutAsJsonAsync("/api/categories/short", new { name = "Short", retentionDays = 30 })).Content.ReadAsStringAsync();
        var item = await _api.UploadVerifiedRecordingAsync("officer-worm", category: "short");
        var blob = await BlobOfAsync(item);
        await WaitForAsync(blob, $"until {RecordedStart.AddDays(30):O}");

        await _api.ClientFor(Roles.Admin, "ada").PutAsJsonAsync("/api/categories/short", new { name = "Short", retentionDays = 3650 });
        await WaitForAsync(blob, $"until {RecordedStart.AddDays(3650):O}");
        await _api.ClientFor(Roles.Admin, "ada").PutAsJsonAsync("/api/categories/short", new { name = "Short", retentionDays = 10 });
        await WaitForRetentionAsync(item, RecordedStart.AddDays(10));
        await using (var scope = _api.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ProtectBlob(item));
        }

        Assert.That(_immutability.CallsFor(blob), Is.EqualTo(new[] { $"until {RecordedStart.AddDays(30):O}", $"until {RecordedStart.AddDays(3650):O}" }));
    }

    private async Task<string> BlobOfAsync(Guid item)
    {
        await using var db = _api.OpenDb();
        return await db.EvidenceItems.Where(e => e.Id == item).Select(e => e.BlobName).SingleAsync();
    }

    private async Task WaitForRetentionAsync(Guid item, DateTimeOffset retainUntil)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using var db = _api.OpenDb();
            if (await db.EvidenceItems.AnyAsync(e => e.Id == item && e.RetainUntil == retainUntil))
            {
                return;
            }
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "waiting for the category's new retention to reach the item");
            await Task.Delay(100);
        }
    }

    private async Task WaitForAsync(string blob, string call)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!_immutability.CallsFor(blob).Contains(call))
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"waiting for '{call}' on {blob}; saw {string.Join(", ", _immutability.CallsFor(blob))}");
            await Task.Delay(100);
        }
    }

    private sealed record HoldRow(Guid Id);

    private sealed class RecordingImmutability : IBlobImmutability
    {
        private readonly ConcurrentQueue<(string Blob, string Call)> _calls = new();

        public IReadOnlyList<string> CallsFor(string blob) => [.. _calls.Where(c => c.Blob == blob).Select(c => c.Call)];

        public Task SetImmutableUntilAsync(string blobName, DateTimeOffset until, CancellationToken cancellationToken)
        {
            _calls.Enqueue((blobName, $"until {until:O}"));
            return Task.CompletedTask;
        }

        public Task SetLegalHoldAsync(string blobName, bool hold, CancellationToken cancellationToken)
        {
            _calls.Enqueue((blobName, hold ? "hold on" : "hold off"));
            return Task.CompletedTask;
        }
    }
}
