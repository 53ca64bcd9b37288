#pragma once

#include "services/core/ServiceError.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace TwinBridge {

// An ARM error as the deployment wizard's pages show it: the sentence (ServiceError::toString()) and, below it,
// the details Azure sent (code, target and message of each CloudError detail, one line per node) in a read-only,
// selectable view, with Copy (everything, to the clipboard) and Retry. Hidden until setError().
class ArmErrorView : public QWidget
{
    Q_OBJECT

public:
    explicit ArmErrorView(QWidget *parent = nullptr);

    void setError(const ServiceError &error);
    void clear();
    ServiceError error() const { return m_error; }
    // The text the view shows and Copy copies.
    QString text() const;
    void setRetryVisible(bool visible);

    // The sentence, then "Details:" and one line per CloudError node (from the payload, else detail()).
    static QString describe(const ServiceError &error);
    // The CloudError lines of an error: its payload's tree (an envelope, a deployment's properties.error or the
    // error itself), else detail() split into lines.
    static QStringList detailLines(const ServiceError &error);

signals:
    void retryRequested();

private:
    ServiceError m_error;
    QLabel *m_heading;
    QPlainTextEdit *m_details;
    QPushButton *m_copy;
    QPushButton *m_retry;
};

} // namespace TwinBridge
