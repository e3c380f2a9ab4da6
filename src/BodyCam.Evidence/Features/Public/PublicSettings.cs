using BodyCam.Evidence.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace BodyCam.Evidence.Features.Public;

/// <summary>
/// Whether this server answers the public, without sign-in, under <c>/public/</c>: published releases and the
/// transparency report. Off by default, so that an evidence server on a closed network shows nothing to anyone
/// who has not signed in until the agency decides it should.
/// </summary>
public sealed record PublicSettings(bool Enabled)
{
    public const string PathPrefix = "/public";

    public static PublicSettings From(IConfiguration configuration) => new(configuration.Value("Public:Enabled", false));
}
