#include "services/protocol/PercentEncoding.h"

#include <QByteArray>
#include <QStringDecoder>

namespace TwinBridge {

namespace {

int hexValue(char16_t c)
{
    if (c >= u'0' && c <= u'9')
        return c - u'0';
    if (c >= u'a' && c <= u'f')
        return c - u'a' + 10;
    if (c >= u'A' && c <= u'F')
        return c - u'A' + 10;
    return -1;
}

bool isUnreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~';
}

} // namespace

QString PercentEncoding::encode(QStringView text)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    const QByteArray utf8 = text.toUtf8();
    QString result;
    result.reserve(utf8.size() * 3);
    for (const char byte : utf8) {
        const auto c = static_cast<unsigned char>(byte);
        if (isUnreserved(c)) {
            result.append(QLatin1Char(byte));
        } else {
            result.append(QLatin1Char('%'));
            result.append(QLatin1Char(hex[c >> 4]));
            result.append(QLatin1Char(hex[c & 0x0f]));
        }
    }
    return result;
}

std::optional<QString> PercentEncoding::decode(QStringView text)
{
    if (!text.contains(QLatin1Char('%')))
        return text.toString();
    QByteArray bytes;
    bytes.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c != QLatin1Char('%')) {
            // Characters that were not escaped are taken as they are (as UTF-8).
            if (c.isSurrogate()) {
                if (!c.isHighSurrogate() || i + 1 >= text.size() || !text.at(i + 1).isLowSurrogate())
                    return std::nullopt;
                bytes.append(text.mid(i, 2).toUtf8());
                ++i;
            } else {
                bytes.append(QStringView(&c, 1).toUtf8());
            }
            continue;
        }
        if (i + 2 >= text.size())
            return std::nullopt;
        const int high = hexValue(text.at(i + 1).unicode());
        const int low = hexValue(text.at(i + 2).unicode());
        if (high < 0 || low < 0)
            return std::nullopt;
        bytes.append(static_cast<char>((high << 4) | low));
        i += 2;
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString decoded = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return decoded;
}

} // namespace TwinBridge
