namespace BodyCam.Evidence.Tests.Support;

/// <summary>A fixture that runs its tests against one host per profile, started once for the fixture.</summary>
[TestFixtureSource(typeof(ApiProfile), nameof(ApiProfile.All))]
public abstract class ApiTests(ApiProfile profile)
{
    protected EvidenceApiFactory Api { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartApi() => Api = await EvidenceApiFactory.StartAsync(profile);

    [OneTimeTearDown]
    public async Task StopApi() => await Api.DisposeAsync();
}
