namespace BodyCam.Evidence.Tests.Support.Browser;

/// <summary>A browser fixture over one host per profile listening on a loopback port, started once for the fixture.</summary>
[TestFixtureSource(typeof(ApiProfile), nameof(ApiProfile.All))]
public abstract class ConsoleTests(ApiProfile profile) : BrowserTests
{
    protected EvidenceApiFactory Api { get; private set; } = null!;

    protected override Uri BaseAddress => Api.BaseAddress;

    [OneTimeSetUp]
    public async Task StartApi() => Api = await EvidenceApiFactory.StartAsync(profile, overNetwork: true);

    [OneTimeTearDown]
    public async Task StopApi() => await Api.DisposeAsync();
}
