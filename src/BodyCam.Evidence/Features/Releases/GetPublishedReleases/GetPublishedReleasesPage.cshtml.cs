using BodyCam.Evidence.Features.Public;
using Mediator;

namespace BodyCam.Evidence.Features.Releases;

/// <summary>The published releases, for anyone without signing in, when <c>Public:Enabled</c> is set (404 otherwise).</summary>
public sealed class GetPublishedReleasesPage(IMediator mediator) : PublicPage(mediator)
{
    public IReadOnlyList<PublishedRelease> Releases { get; private set; } = [];

    public async Task OnGetAsync() => Releases = await Mediator.Send(new GetPublishedReleases(), HttpContext.RequestAborted);
}
