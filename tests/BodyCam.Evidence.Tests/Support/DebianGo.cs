namespace BodyCam.Evidence.Tests.Support;

/// <summary>
/// Debian's Go (deploy/local/go.sh) as the tests' independent programs use it: GOPATH mode, where golang.org/x/mod comes
/// from Debian's golang-golang-x-mod-dev, offline, with no module proxy.
/// </summary>
internal static class DebianGo
{
    public static Dictionary<string, string> Environment(string cacheFolder) => new()
    {
        ["GO111MODULE"] = "off",
        ["GOPATH"] = "/usr/share/gocode",
        ["GOCACHE"] = cacheFolder,
        ["GOENV"] = "off",
        ["GOFLAGS"] = "",
        ["GOPROXY"] = "off",
        ["CGO_ENABLED"] = "0",
    };
}
