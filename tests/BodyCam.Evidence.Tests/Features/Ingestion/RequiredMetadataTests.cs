using System.Net;
using System.Net.Http.Headers;
using BodyCam.Evidence.Features.Evidence;
using BodyCam.Evidence.Infrastructure.Identity;
using BodyCam.Evidence.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Tests.Features.Ingestion;

/// <summary>An agency whose docks cannot name the officer relaxes Ingestion:RequiredMetadata; the recording arrives unassigned.</summary>
public sealed class RequiredMetadataTests
{
    [Test]
    public async Task With_only_the_file_name_required_a_recording_arrives_without_officer_or_times()
    {
        await using var api = await EvidenceApiFactory.StartAsync(ApiProfile.Embedded, overNetwork: false, ("Ingestion:RequiredMetadata", "deviceSerial"));
        using var dock = api.DockClient(await api.RegisterDockAsync());
        dock.DefaultRequestHeaders.Add("Tus-Resumable", "1.0.0");
        var create = new HttpRequestMessage(HttpMethod.Post, "/ingest/tus/") { Content = new ByteArrayContent(new byte[1234]) };
        create.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        create.Headers.Add("Upload-Length", "1234");
        create.Headers.Add("Upload-Metadata", Recording.MetadataHeader(new Dictionary<string, string> { ["filename"] = "clip.mp4", ["deviceSerial"] = "X60-1" }));
        var withoutDevice = new HttpRequestMessage(HttpMethod.Post, "/ingest/tus/");
        withoutDevice.Headers.Add("Upload-Length", "10");
        withoutDevice.Headers.Add("Upload-Metadata", Recording.MetadataHeader(new Dictionary<string, string> { ["filename"] = "clip.mp4" }));

        var created = await dock.SendAsync(create);
        var refused = await dock.SendAsync(withoutDevice);

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var problem = await refused.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty("deviceSerial", out _), Is.True);
        await using var db = api.OpenDb();
        var evidenceId = await db.EvidenceItems.Select(e => e.Id).SingleAsync();
        var item = await (await api.ClientFor(Roles.Custodian, "carol").GetAsync($"/api/evidence/{evidenceId}")).ReadAsync<EvidenceItemDetails>(HttpStatusCode.OK);
        Assert.That((item.FileName, item.DeviceSerial, item.OfficerId, item.RecordedStart, item.Bytes), Is.EqualTo(("clip.mp4", "X60-1", (string?)null, (DateTimeOffset?)null, 1234L)));
    }
}
