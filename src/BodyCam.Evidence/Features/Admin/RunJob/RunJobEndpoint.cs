using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features.Admin.RunJob;

internal sealed class RunJobEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/admin/jobs/{job}/run", async Task<Accepted<JobRun>> (string job, IMediator mediator, CancellationToken ct) =>
            {
                var run = await mediator.Send(new RunJob(job), ct);
                return TypedResults.Accepted($"/hangfire/jobs/details/{Uri.EscapeDataString(run.JobId)}", run);
            })
            .WithName(nameof(RunJob))
            .WithTags("Admin")
            .WithSummary("Runs a recurring job now: retention-sweep, purge, fixity, checkpoint, reconciliation, expire-uploads or view-sessions (Admin).")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
