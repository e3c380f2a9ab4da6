using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace BodyCam.Evidence.Infrastructure.Ledger;

/// <summary>The client side of c2sp.org/tlog-witness <c>add-checkpoint</c>: one request, its answer classified.</summary>
public sealed class WitnessClient(IHttpClientFactory clients)
{
    /// <summary>tlog-witness: "The client MUST NOT send more than 63 consistency proof lines."</summary>
    private const int MaxProofLines = 63;

    /// <summary>
    /// Submits the log-signed checkpoint <paramref name="note"/> with <paramref name="oldSize"/>, the size of the latest
    /// checkpoint the witness cosigned as far as this server knows (0 for none), and the consistency proof from that size
    /// (empty from 0).
    /// </summary>
    public async Task<WitnessAnswer> AddCheckpointAsync(Witness witness, long oldSize, IReadOnlyList<byte[]> proof, string note, CancellationToken cancellationToken)
    {
        if (proof.Count > MaxProofLines)
        {
            throw new InvalidOperationException($"A consistency proof of {proof.Count} hashes is longer than tlog-witness allows ({MaxProofLines}).");
        }
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"old {oldSize}\n");
        foreach (var hash in proof)
        {
            body.Append(Convert.ToBase64String(hash)).Append('\n');
        }
        body.Append('\n').Append(note);

        var client = clients.CreateClient(WitnessSettings.HttpClientName);
        HttpResponseMessage response;
        string text;
        try
        {
            using var content = new StringContent(body.ToString(), new UTF8Encoding(false), "text/plain");
            response = await client.PostAsync(witness.AddCheckpoint, content, cancellationToken);
            text = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException unreachable)
        {
            return new WitnessAnswer.Unavailable($"the witness could not be reached: {unreachable.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WitnessAnswer.Unavailable($"the witness did not answer within {client.Timeout.TotalSeconds:0} s");
        }
        using (response)
        {
            return response.StatusCode switch
            {
                HttpStatusCode.OK => new WitnessAnswer.Cosigned(text),
                HttpStatusCode.Conflict => ConflictOf(response, text),
                HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError =>
                    new WitnessAnswer.Unavailable($"the witness answered {(int)response.StatusCode} {response.ReasonPhrase}"),
                _ => new WitnessAnswer.Refused((int)response.StatusCode, Excerpt(text)),
            };
        }
    }

    /// <summary>tlog-witness: a 409's body is the witness's latest cosigned size in decimal and a newline, as <c>text/x.tlog.size</c>.</summary>
    private static WitnessAnswer ConflictOf(HttpResponseMessage response, string text)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var digits = text.EndsWith('\n') ? text[..^1] : null;
        if (!string.Equals(mediaType, "text/x.tlog.size", StringComparison.OrdinalIgnoreCase)
            || digits is not { Length: > 0 } || !digits.All(char.IsAsciiDigit) || (digits.Length > 1 && digits[0] == '0')
            || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            return new WitnessAnswer.Refused((int)HttpStatusCode.Conflict, $"a 409 whose body is not a tree size as text/x.tlog.size ({mediaType}): {Excerpt(text)}");
        }
        return new WitnessAnswer.Conflict(size);
    }

    private static string Excerpt(string text) => text.Length > 200 ? text[..200] + "…" : text.Trim();
}

/// <summary>What a witness made of a submitted checkpoint.</summary>
public abstract record WitnessAnswer
{
    private WitnessAnswer()
    {
    }

    /// <summary>200: the witness's signature lines, still to be verified with its key.</summary>
    public sealed record Cosigned(string SignatureLines) : WitnessAnswer;

    /// <summary>409: the witness's latest cosigned checkpoint of this log has <paramref name="WitnessSize"/> entries.</summary>
    public sealed record Conflict(long WitnessSize) : WitnessAnswer;

    /// <summary>Any other 4xx: the witness will not cosign this checkpoint. 403, 404 and 422 say the log or its proof is not what the witness knows.</summary>
    public sealed record Refused(int Status, string Detail) : WitnessAnswer;

    /// <summary>No answer, a timeout, 408, 429 or 5xx: worth trying again later.</summary>
    public sealed record Unavailable(string Reason) : WitnessAnswer;
}

public static class WitnessServices
{
    public static IServiceCollection AddWitnessing(this IServiceCollection services, WitnessSettings witnessing)
    {
        services.AddSingleton(witnessing);
        services.AddSingleton<WitnessClient>();
        services.AddHttpClient(WitnessSettings.HttpClientName, client => client.Timeout = witnessing.Timeout);
        return services;
    }
}
