using System.Globalization;

namespace BodyCam.Evidence.Features.Oversight;

/// <summary>
/// A footage request's place: a point and a radius. The evidence search takes a box, so the search asks for the box
/// around the circle and then keeps the items whose track has a point within the radius (great-circle distance).
/// </summary>
internal sealed record FootageArea(double Latitude, double Longitude, double RadiusMetres)
{
    /// <summary>The mean Earth radius of the IUGG, in metres; the spherical error is far below a radius a board gives.</summary>
    private const double EarthRadiusMetres = 6_371_008.8;

    /// <summary>
    /// The box around the circle, in degrees, cut at the poles and the antimeridian (the search's
    /// boxes never cross it): a place within the radius across the antimeridian is not found.
    /// </summary>
    public (double West, double South, double East, double North) Box()
    {
        var latitudeDelta = Degrees(RadiusMetres / EarthRadiusMetres);
        var south = Math.Max(-90, Latitude - latitudeDelta);
        var north = Math.Min(90, Latitude + latitudeDelta);
        var widest = Math.Max(Math.Abs(south), Math.Abs(north));
        var longitudeDelta = widest >= 89.9 ? 180 : latitudeDelta / Math.Cos(Radians(widest));
        var west = Math.Max(-180, Longitude - longitudeDelta);
        var east = Math.Min(180, Longitude + longitudeDelta);
        return (west, south, east, north);
    }

    /// <summary>The box as the evidence search's <c>bbox</c> parameter takes it.</summary>
    public string Bbox()
    {
        var (west, south, east, north) = Box();
        return string.Create(CultureInfo.InvariantCulture, $"{west:R},{south:R},{east:R},{north:R}");
    }

    public bool Contains(double latitude, double longitude)
    {
        var dLat = Radians(latitude - Latitude);
        var dLon = Radians(longitude - Longitude);
        var a = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(Radians(Latitude)) * Math.Cos(Radians(latitude)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(a))) <= RadiusMetres;
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;

    private static double Degrees(double radians) => radians * 180 / Math.PI;
}
