using BodyCam.Evidence.Verification.Ledger;
using BodyCam.Evidence.Verification.Notes;
using Microsoft.EntityFrameworkCore;

namespace BodyCam.Evidence.Tests.Support;

/// <summary>What a witness of the log does: fetch the published key, and poll for checkpoints.</summary>
internal static class CheckpointWitness
{
    public static async Task<NoteVerifierKey> VerifierKeyAsync(this EvidenceApiFactory api) =>
        NoteVerifierKey.Parse((await api.CreateClient().GetStringAsync("/api/ledger/key")).Trim());

    /// <summary>Waits up to 30 s for a signed checkpoint covering every event recorded so far, and verifies it.</summary>
    public static async Task<Checkpoint> WaitForCheckpointAsync(this EvidenceApiFactory api)
    {
        long size;
        await using (var db = api.OpenDb())
        {
            size = await db.CustodyEvents.CountAsync();
        }
        using var client = api.CreateClient();
        return await client.WaitForCheckpointAsync(size);
    }

    /// <summary>Waits up to 30 s for the server's signed checkpoint of at least <paramref name="size"/> events, and verifies it with the key the server publishes.</summary>
    public static async Task<Checkpoint> WaitForCheckpointAsync(this HttpClient server, long size)
    {
        var key = NoteVerifierKey.Parse((await server.GetStringAsync("/api/ledger/key")).Trim());
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await server.GetAsync("/api/ledger/checkpoint");
            if (response.IsSuccessStatusCode && Checkpoint.Verify(await response.Content.ReadAsStringAsync(), key) is { } checkpoint && checkpoint.TreeSize >= size)
            {
                return checkpoint;
            }
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"no checkpoint of {size} entries within 30 s");
            await Task.Delay(200);
        }
    }
}
