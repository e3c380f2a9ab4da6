namespace BodyCam.Evidence.Cli.Upload;

/// <summary>A failure that waiting and re-synchronising the offset may cure.</summary>
internal sealed class TransientUploadException(string message, Exception? innerException = null)
    : Exception(message, innerException);
