using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using NvidiaInference.Payload;

namespace NvidiaInference.Transforms
{
    /// <summary>
    /// Binds -Image and -ImageLiteralPath to image items: an http(s) URL or a data: URI passes through; byte[] is an
    /// image's bytes; anything else is a file path, resolved like other PowerShell path parameters (wildcards and
    /// relative paths against the current location; taken as written with <see cref="LiteralPath"/>). A file is read
    /// and checked now, so a missing, empty or unknown one fails before anything is sent, naming the file.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ImageTransformationAttribute : ArgumentTransformationAttribute
    {
        /// <summary>Paths are taken as written: no wildcards (for file names with [ ] * ?).</summary>
        public bool LiteralPath { get; set; }

        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object? plain = PowerShellValue.ToPlain(inputData);
            IEnumerable items = plain is byte[]? new[] { plain } : PowerShellValue.AsItems(plain);
            var images = new List<ImageContentItem>();
            try
            {
                foreach (object? item in items)
                {
                    switch (item)
                    {
                        case ImageContentItem image:
                            images.Add(image);
                            break;
                        case byte[] bytes:
                            images.Add(ImageAttachment.FromBytes(bytes));
                            break;
                        case FileSystemInfo file:
                            images.Add(ImageAttachment.FromFile(file.FullName));
                            break;
                        case string text when !LiteralPath && IsUrl(text):
                            images.Add(ImageContentItem.FromUri(text));
                            break;
                        case string path:
                            images.AddRange(ReadFiles(engineIntrinsics, path));
                            break;
                        default:
                            throw new NimInvalidRequestException("Image", $"An image is a file path, an http(s) URL, a data: URI or a byte[]; {item?.GetType().Name ?? "null"} is none of these.");
                    }
                }
            }
            catch (NimInvalidRequestException e)
            {
                throw new ArgumentTransformationMetadataException(e.Message, e);
            }

            return images.ToArray();
        }

        private static bool IsUrl(string text) =>
            text.StartsWith("data:", StringComparison.OrdinalIgnoreCase) ||
            (Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));

        private IEnumerable<ImageContentItem> ReadFiles(EngineIntrinsics engine, string path)
        {
            var files = new List<string>();
            try
            {
                if (LiteralPath)
                {
                    files.Add(engine.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path));
                }
                else
                {
                    files.AddRange(engine.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out ProviderInfo _));
                }
            }
            catch (Exception e) when (e is ItemNotFoundException || e is System.Management.Automation.DriveNotFoundException || e is ProviderNotFoundException || e is NotSupportedException || e is PSArgumentException)
            {
                throw new NimInvalidRequestException("Image", $"The image file '{path}' was not found: {e.Message}");
            }

            if (files.Count == 0)
            {
                throw new NimInvalidRequestException("Image", $"No image file matches '{path}'.");
            }

            foreach (string file in files)
            {
                yield return File.Exists(file)
                    ? ImageAttachment.FromFile(file)
                    : throw new NimInvalidRequestException("Image", $"The image file '{file}' was not found{(Directory.Exists(file) ? ": it is a folder" : string.Empty)}.");
            }
        }
    }
}
