using Microsoft.Extensions.Configuration;

namespace BodyCam.Evidence.Infrastructure;

/// <summary>Typed configuration values, refused with a <see cref="ConfigurationException"/> that names the key and what it takes.</summary>
public static class ConfigurationValues
{
    public static T Value<T>(this IConfiguration configuration, string key, T defaultValue)
        where T : struct
    {
        T value;
        try
        {
            value = configuration.GetValue(key, defaultValue);
        }
        catch (InvalidOperationException)
        {
            throw new ConfigurationException($"{key} is '{configuration[key]}'; {Expected<T>()}.");
        }
        // Enums also bind from numbers, which would name no value the server knows.
        return typeof(T).IsEnum && !Enum.IsDefined(typeof(T), value)
            ? throw new ConfigurationException($"{key} is '{configuration[key]}'; {Expected<T>()}.")
            : value;
    }

    private static string Expected<T>() => typeof(T) switch
    {
        var type when type.IsEnum => $"it must be one of {string.Join(", ", Enum.GetNames(type))}",
        var type when type == typeof(bool) => "it must be true or false",
        var type when type == typeof(TimeSpan) => "it must be a duration, days.hours:minutes:seconds, such as 00:05:00 or 3.00:00:00",
        _ => "it must be a whole number",
    };
}
