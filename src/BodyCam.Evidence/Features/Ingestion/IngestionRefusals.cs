using BodyCam.Evidence.Infrastructure.Problems;

namespace BodyCam.Evidence.Features.Ingestion;

/// <summary>
/// The core refuses a fact under its own name (<see cref="RecordingMetadata"/>); an adapter answers in its
/// protocol's names, so that a sender's log says which header or key to fix. The refusal is recorded as a custody
/// event under the names the sender is told.
/// </summary>
public static class IngestionRefusals
{
    public static async ValueTask<T> NamedAs<T>(this ValueTask<T> sending, IReadOnlyDictionary<string, string> protocolNames)
    {
        try
        {
            return await sending;
        }
        catch (RequestValidationException refused)
        {
            throw new RequestValidationException(refused.Errors
                .GroupBy(error => protocolNames.GetValueOrDefault(error.Key, error.Key))
                .ToDictionary(group => group.Key, group => group.SelectMany(error => error.Value).Distinct().ToArray()));
        }
    }
}
