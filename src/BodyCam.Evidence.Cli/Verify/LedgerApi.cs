using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BodyCam.Evidence.Features.Evidence;
using BodyCam.Evidence.Features.Ledger;

namespace BodyCam.Evidence.Cli.Verify;

/// <summary>The server's ledger endpoints. Nothing read here is trusted until the verifier has checked it.</summary>
internal sealed class LedgerApi(Uri server, string? token) : IDisposable
{
    private readonly HttpClient _http = CreateClient(server, token);

    public async Task<string> CheckpointAsync(CancellationToken cancellationToken) =>
        await ReadAsync(await _http.GetAsync("api/ledger/checkpoint", cancellationToken), r => r.Content.ReadAsStringAsync(cancellationToken));

    public async Task<IReadOnlyList<LedgerEntry>> EntriesAsync(long start, int count, CancellationToken cancellationToken) =>
        await ReadJsonAsync<IReadOnlyList<LedgerEntry>>($"api/ledger/entries?start={start}&count={count}", cancellationToken);

    public Task<ConsistencyProof> ConsistencyProofAsync(long from, long to, CancellationToken cancellationToken) =>
        ReadJsonAsync<ConsistencyProof>($"api/ledger/proofs/consistency?from={from}&to={to}", cancellationToken);

    public Task<CustodyReport> CustodyAsync(Guid evidenceId, CancellationToken cancellationToken) =>
        ReadJsonAsync<CustodyReport>($"api/evidence/{evidenceId}/custody?proofs=true", cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<T> ReadJsonAsync<T>(string path, CancellationToken cancellationToken) =>
        await ReadAsync(await _http.GetAsync(path, cancellationToken), async r =>
            await r.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web, cancellationToken)
            ?? throw new VerifyStoppedException($"GET {path} returned no body."));

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, Func<HttpResponseMessage, Task<T>> read)
    {
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync();
                throw new VerifyStoppedException($"GET {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
            }
            return await read(response);
        }
    }

    private static HttpClient CreateClient(Uri server, string? token)
    {
        var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromMinutes(2) };
        if (!string.IsNullOrEmpty(token))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return http;
    }
}

/// <summary>The verifier could not finish (bad input, unreachable server): no verdict either way.</summary>
internal sealed class VerifyStoppedException(string message) : Exception(message);
