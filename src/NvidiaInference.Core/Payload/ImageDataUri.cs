using System;

namespace NvidiaInference.Payload
{
    /// <summary>Turns image bytes into a data: URL, with the MIME type sniffed from the bytes' signature.</summary>
    internal static class ImageDataUri
    {
        public static string Create(byte[] data, int messageIndex)
        {
            string mime = Sniff(data) ?? throw new NimInvalidRequestException(
                $"messages[{messageIndex}].content",
                $"The image data in message {messageIndex} is not a PNG, JPEG, GIF or WebP image.");
            return $"data:{mime};base64,{Convert.ToBase64String(data)}";
        }

        internal static string? Sniff(byte[] data)
        {
            if (StartsWith(data, 0, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A))
            {
                return "image/png";
            }

            if (StartsWith(data, 0, 0xFF, 0xD8, 0xFF))
            {
                return "image/jpeg";
            }

            if (StartsWith(data, 0, (byte)'G', (byte)'I', (byte)'F', (byte)'8'))
            {
                return "image/gif";
            }

            if (StartsWith(data, 0, (byte)'R', (byte)'I', (byte)'F', (byte)'F') && StartsWith(data, 8, (byte)'W', (byte)'E', (byte)'B', (byte)'P'))
            {
                return "image/webp";
            }

            return null;
        }

        private static bool StartsWith(byte[] data, int offset, params byte[] signature)
        {
            if (data.Length < offset + signature.Length)
            {
                return false;
            }

            for (int i = 0; i < signature.Length; i++)
            {
                if (data[offset + i] != signature[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
