using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BodyCam.Evidence.Tests.Support;

internal static class ProblemAssertions
{
    /// <summary>Asserts an RFC 9457 problem with the status, and returns its body for further checks.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
        var problem = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo((int)status));
        Assert.That(problem.TryGetProperty("requestId", out _), Is.True, "problems carry the request id: " + body);
        Assert.That(body, Does.Not.Contain("   at "), "no stack trace reaches a client");
        return problem;
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), body);
        return JsonSerializer.Deserialize<T>(body, JsonSerializerOptions.Web)!;
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(path, body);
}
