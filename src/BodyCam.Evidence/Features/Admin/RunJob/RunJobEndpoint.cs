using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Admin;

internal sealed class RunJobEndpoint : IEndpoint
{
    private static readonly string[] Names = [.. RecurringJobs.All.Select(job => job.Name)];

    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/admin/jobs/{job}/run", async Task<Accepted<JobRun>> (string job, IMediator mediator, CancellationToken ct) =>
            {
                var run = await mediator.Send(new RunJob(job), ct);
                return TypedResults.Accepted($"/hangfire/jobs/details/{Uri.EscapeDataString(run.JobId)}", run);
            })
            .WithName(nameof(RunJob))
            .WithTags("Admin")
            .WithSummary($"Runs a recurring job now: {string.Join(", ", Names[..^1])} or {Names[^1]} (Admin).")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
