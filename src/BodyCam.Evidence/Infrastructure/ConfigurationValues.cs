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

    /// <summary>
    /// Parses a connection string now; its client would refuse it only at the first connection. The refusal names
    /// what is wrong without repeating the string, which may hold a password or an account key.
    /// </summary>
    public static void EnsureConnectionString(string key, string kind, Func<object> parse)
    {
        try
        {
            parse();
        }
        catch (Exception invalid) when (invalid is ArgumentException or FormatException)
        {
            throw new ConfigurationException($"{key} is not a valid {kind} connection string: {invalid.Message.ReplaceLineEndings(" ")}");
        }
    }

    private static string Expected<T>() => typeof(T) switch
    {
        var type when type.IsEnum => $"it must be one of {string.Join(", ", Enum.GetNames(type))}",
        var type when type == typeof(bool) => "it must be true or false",
        var type when type == typeof(TimeSpan) => "it must be a duration, days.hours:minutes:seconds, such as 00:05:00 or 3.00:00:00",
        _ => "it must be a whole number",
    };
}
