using System;
using System.Management.Automation;
using System.Security;

namespace NvidiaInference.Transforms
{
    /// <summary>Binds -ApiKey from a SecureString or a plain string; the key is kept as a SecureString from then on.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ApiKeyTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case SecureString secure:
                    return secure;
                case string text:
                    var key = new SecureString();
                    foreach (char c in text)
                    {
                        key.AppendChar(c);
                    }

                    key.MakeReadOnly();
                    return key;
                default:
                    // Never echo the value: it may be a key.
                    throw new ArgumentTransformationMetadataException($"-ApiKey takes a SecureString or a string, not a {value?.GetType().Name ?? "null"}.");
            }
        }
    }
}
