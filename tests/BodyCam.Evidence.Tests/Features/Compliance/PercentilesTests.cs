using BodyCam.Evidence.Features.Compliance;

namespace BodyCam.Evidence.Tests.Features.Compliance;

public sealed class PercentilesTests
{
    [TestCase(0.5, 4.0)]
    [TestCase(0.95, 9.2)]
    [TestCase(0.0, 1.0)]
    [TestCase(1.0, 10.0)]
    public void Percentiles_interpolate_between_the_closest_ranks_as_percentile_cont_does(double fraction, double expected) =>
        Assert.That(Percentiles.Of([1, 2, 4, 6, 10], fraction), Is.EqualTo(expected).Within(1e-9));

    [Test]
    public void Every_percentile_of_one_value_is_that_value() =>
        Assert.That(Percentiles.Of([7], 0.95), Is.EqualTo(7));
}
