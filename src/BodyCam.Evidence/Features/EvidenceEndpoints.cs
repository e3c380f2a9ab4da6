using BodyCam.Evidence.Features.Docks.RegisterDock;
using BodyCam.Evidence.Features.Identity.DescribeCurrentActor;
using Microsoft.AspNetCore.Routing;

namespace BodyCam.Evidence.Features;

public static class EvidenceEndpoints
{
    public static IEndpointRouteBuilder MapEvidenceEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapRegisterDock();
        routes.MapDescribeCurrentActor();
        return routes;
    }
}
